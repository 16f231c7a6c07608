import Foundation
import HBModel
import Testing

@testable import Monitor

/// A bot's folder is written by its strategy code: what it puts there is read as a bot's file or not at all,
/// and never blocks the reader.
@Suite struct BotFileTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "hbdeck-botfile-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root + "/bot", withIntermediateDirectories: true)
    }

    /// Runs `read` on a thread of its own; a read still blocked after 10 s fails the test and is let go by
    /// opening the FIFO's other end, instead of hanging the suite.
    func unblocked<T: Sendable>(_ fifo: String, _ read: @escaping @Sendable () -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        let result = LatestValue<T?>(nil)
        Thread {
            result.set(read())
            done.signal()
        }.start()
        if done.wait(timeout: .now() + 10) == .success { return result.current.value }
        let writer = open(fifo, O_WRONLY | O_NONBLOCK)
        done.wait()
        close(writer)
        return nil
    }

    @Test func aRegularFileIsReadBoundedFromItsEnd() throws {
        try "0123456789".write(toFile: root + "/errors.log", atomically: true, encoding: .utf8)
        let tail = try BotFile.tail("errors.log", beneath: root, maxBytes: 4).get()
        #expect(String(decoding: tail.data, as: UTF8.self) == "6789" && tail.cut)
        #expect(BotFile.contents("errors.log", beneath: root, maxBytes: 10)?.bytes == Array("0123456789".utf8))
        #expect(BotFile.contents("errors.log", beneath: root, maxBytes: 9) == nil, "over the bound: not read at all")
        #expect(BotFile.stamp("errors.log", beneath: root)?.first == 10)
    }

    @Test func aFIFOIsRefusedAtOnce() throws {
        for path in ["logs_pmm.log", "bot/status.json", "pmm.sqlite"] {
            #expect(mkfifo(root + "/" + path, 0o600) == 0)
            let tail = unblocked(root + "/" + path) { BotFile.tail(path, beneath: self.root, maxBytes: 100) }
            #expect(
                tail.map { if case .failure(.notRegular) = $0 { true } else { false } } == true,
                "\(path): \(String(describing: tail))")
        }
        let figures = unblocked(root + "/pmm.sqlite") {
            TradeDatabase.figures(at: self.root + "/pmm.sqlite", since: 0) == nil
        }
        #expect(figures == true, "the trade database's path as a FIFO: no figures, and no open that waits")
    }

    @Test func noSymlinkIsFollowedAtTheFileOrOnTheWay() throws {
        try "root:secret-hash:19000:0:99999:7:::\n".write(
            toFile: root + "/host-file", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: root + "/errors.log", withDestinationPath: root + "/host-file")
        #expect(BotFile.tail("errors.log", beneath: root, maxBytes: 100).map(\.data) == .failure(.symlink))
        #expect(BotFile.stamp("errors.log", beneath: root) == nil)
        #expect(ErrorsLog.tail(inLogsFolder: root, count: 5).isEmpty)

        try FileManager.default.removeItem(atPath: root + "/bot")
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        try "{\"running\": true}".write(toFile: root + "/elsewhere/status.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/bot", withDestinationPath: root + "/elsewhere")
        #expect(
            BotFile.contents("bot/status.json", beneath: root, maxBytes: 100) == nil,
            "a folder on the way that is a link")
        #expect(BotFile.open("../host-file", beneath: root + "/elsewhere").map(\.size) == .failure(.badPath))
    }

    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"),
            "needs the sqlite3 tool (make test installs it)"))
    func aTradeDatabaseBehindASymlinkIsNotRead() throws {
        let real = root + "/elsewhere.sqlite"
        #expect(
            try SQLiteTool.run(
                real,
                "CREATE TABLE TradeFill (timestamp INTEGER, price TEXT, amount TEXT); INSERT INTO TradeFill VALUES (1, '1', '2');"
            ))
        #expect(
            TradeDatabase.figures(at: real, since: 0, openOrders: false)?.trades == 1, "read where it is a regular file"
        )
        try FileManager.default.createSymbolicLink(atPath: root + "/pmm.sqlite", withDestinationPath: real)
        #expect(TradeDatabase.figures(at: root + "/pmm.sqlite", since: 0, openOrders: false) == nil)
    }

    /// A bot's code can make the open-orders query slow (here: the index on OrderStatus it would have is
    /// missing, and half a million status rows): the read gives up when its budget is spent, with no figures
    /// from the record, instead of working for a minute every ten seconds.
    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"),
            "needs the sqlite3 tool (make test installs it)"))
    func aSlowTradeDatabaseIsGivenUp() throws {
        let path = root + "/pmm.sqlite"
        #expect(
            try SQLiteTool.run(
                path,
                """
                CREATE TABLE TradeFill (market TEXT, order_id TEXT, timestamp INTEGER, price TEXT, amount INTEGER);
                CREATE TABLE "Order" (id TEXT PRIMARY KEY, market TEXT, symbol TEXT, price INTEGER, amount INTEGER,
                  creation_timestamp INTEGER, last_status TEXT);
                CREATE TABLE OrderStatus (id INTEGER PRIMARY KEY, order_id TEXT, timestamp INTEGER, status TEXT);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 900)
                  INSERT INTO "Order" SELECT 'o' || i, 'x', 'A-B', 1, 1, 1000 + i, 'BuyOrderCreated' FROM n;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000)
                  INSERT INTO OrderStatus SELECT i, 'z' || i, i, 'BuyOrderCreated' FROM n;
                """))
        let figures = TradeDatabase.figures(at: path, since: 0)
        #expect(figures?.openOrders == nil, "the open orders were read in full: \(figures?.openOrders?.count ?? -1)")
    }
}

private enum SQLiteTool {
    /// Makes a small SQLite file with the sqlite3 tool.
    static func run(_ path: String, _ sql: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

extension BotFileTests {
    /// What is there but not read is said with its reason; a file not written yet is no problem.
    @Test func filesNotReadAreSaidWithTheirReason() throws {
        let data = root + "/data"
        let logs = root + "/logs"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        try "host\n".write(toFile: root + "/host-file", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: data + "/pmm.sqlite", withDestinationPath: root + "/host-file")
        #expect(mkfifo(logs + "/errors.log", 0o644) == 0)
        let job = BotFilesRead.Job(
            id: "c1", dataFolder: data, logsFolder: logs, config: "pmm.yml", runStartedAt: 0, openOrders: true,
            logStamp: nil)
        let read = try #require(unblocked(logs + "/errors.log") { BotFilesRead.read(job, now: 100) })
        #expect(read.figures == nil)
        #expect(
            read.unreadable == [
                "data/pmm.sqlite: a symbolic link, not followed",
                "logs/errors.log: not a regular file (a FIFO, device or folder), not read",
            ])
        var instance = InstanceSnapshot(name: "bot_1", image: "hummingbot/hummingbot:latest", state: .running)
        instance.unreadableFiles = read.unreadable
        #expect(
            instance.filesWarning
                == "cannot read data/pmm.sqlite: a symbolic link, not followed · logs/errors.log: not a regular file (a FIFO, device or folder), not read"
        )

        try FileManager.default.removeItem(atPath: data + "/pmm.sqlite")
        try FileManager.default.removeItem(atPath: logs + "/errors.log")
        #expect(BotFilesRead.read(job, now: 100).unreadable.isEmpty, "no file yet is not a problem")
    }
}
