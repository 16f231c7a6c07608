import AsyncHTTPClient
import NIOCore

/// A streaming engine response (logs, events, stats, pull progress) read with backpressure:
/// the engine is read only as fast as the caller consumes. Cancel the reading task to end it.
public struct DockerStream<Decoder: StreamDecoder>: AsyncSequence, Sendable {
    public typealias Element = Decoder.Output

    let body: HTTPClientResponse.Body
    let decoder: Decoder
    let endpoint: String

    public struct AsyncIterator: AsyncIteratorProtocol {
        var source: HTTPClientResponse.Body.AsyncIterator
        var decoder: Decoder
        let endpoint: String
        var pending: [Element] = []
        var index = 0
        var ended = false

        public mutating func next() async throws -> Element? {
            while index >= pending.count {
                if ended { return nil }
                pending = []
                index = 0
                let chunk: ByteBuffer?
                do {
                    chunk = try await source.next()
                } catch let error as HTTPClientError where error == .cancelled {
                    throw CancellationError()
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    if Task.isCancelled { throw CancellationError() }
                    throw DockerError.unreachable(
                        endpoint: endpoint, reason: "stream broken: \(DockerRequester.describe(error))")
                }
                if let chunk {
                    pending = try decoder.decode(Array(chunk.readableBytesView))
                } else {
                    ended = true
                    pending = try decoder.finish()
                }
            }
            defer { index += 1 }
            return pending[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(source: body.makeAsyncIterator(), decoder: decoder, endpoint: endpoint)
    }
}

extension DockerStream {
    /// The same values, handed over as they arrived together: one array per chunk of the response body.
    /// A reader that hops elsewhere per value (an actor) hops once per chunk instead.
    public var batches: DockerBatches<Decoder> { DockerBatches(stream: self) }
}

public struct DockerBatches<Decoder: StreamDecoder>: AsyncSequence, Sendable {
    public typealias Element = [Decoder.Output]
    let stream: DockerStream<Decoder>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var values: DockerStream<Decoder>.AsyncIterator

        public mutating func next() async throws -> [Decoder.Output]? {
            guard let first = try await values.next() else { return nil }
            var batch = [first]
            batch.append(contentsOf: values.pending[values.index...])
            values.index = values.pending.count
            return batch
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(values: stream.makeAsyncIterator())
    }
}
