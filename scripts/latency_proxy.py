#!/usr/bin/env python3
"""A TCP relay that delays every chunk by DELAY seconds each way (a far-away engine for `make bench`).

    latency_proxy.py LISTEN_PORT TARGET_HOST TARGET_PORT DELAY

Listens on 127.0.0.1 only. Order is kept and throughput is not cut: each chunk waits until its own time.
"""
import asyncio
import sys


async def relay(reader, writer, delay):
    queue = asyncio.Queue()
    loop = asyncio.get_running_loop()

    async def read():
        while True:
            data = await reader.read(65536)
            await queue.put((loop.time() + delay, data))
            if not data:
                return

    async def write():
        while True:
            due, data = await queue.get()
            await asyncio.sleep(max(0, due - loop.time()))
            if not data:
                writer.close()
                return
            writer.write(data)
            await writer.drain()

    try:
        await asyncio.gather(read(), write())
    except (ConnectionError, OSError):
        writer.close()


async def main():
    port, host, target, delay = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])

    async def handle(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(host, target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(relay(client_reader, server_writer, delay), relay(server_reader, client_writer, delay),
                             return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


asyncio.run(main())
