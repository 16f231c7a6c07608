import Foundation
import HBModel
import Testing

/// Writes into a folder a bot can write into: nothing is written through a link or into a FIFO it put there.
@Suite struct BotFileWriteTests {
    let root: String
    let outside: String

    init() throws {
        let base = NSTemporaryDirectory() + "hbdeck-botwrite-\(UInt32.random(in: 0...UInt32.max))"
        root = base + "/bots"
        outside = base + "/host"
        try FileManager.default.createDirectory(atPath: root + "/conf", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "root only\n".write(toFile: outside + "/secret.yml", atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: root).deletingLastPathComponent().path)
    }

    @Test func aFileAndItsNewFoldersAreWrittenKeepingItsMode() throws {
        defer { remove() }
        try BotFileWrite.write(Data("a: 1\n".utf8), to: "conf/controllers/new.yml", beneath: root)
        #expect(try String(contentsOfFile: root + "/conf/controllers/new.yml", encoding: .utf8) == "a: 1\n")
        chmod(root + "/conf/controllers/new.yml", 0o600)
        try BotFileWrite.write(Data("a: 2\n".utf8), to: "conf/controllers/new.yml", beneath: root)
        #expect(try String(contentsOfFile: root + "/conf/controllers/new.yml", encoding: .utf8) == "a: 2\n")
        let mode =
            try FileManager.default.attributesOfItem(atPath: root + "/conf/controllers/new.yml")[.posixPermissions]
            as? Int
        #expect(mode == 0o600)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root + "/conf/controllers") == ["new.yml"],
            "no temporary file is left")
    }

    @Test func aLinkAtTheFileOrOnTheWayIsRefusedAndTheTargetUntouched() throws {
        defer { remove() }
        try FileManager.default.createSymbolicLink(
            atPath: root + "/conf/ctl.yml", withDestinationPath: outside + "/secret.yml")
        #expect(throws: BotFileWrite.Failure.self) {
            try BotFileWrite.write(Data("b: 2\n".utf8), to: "conf/ctl.yml", beneath: root)
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/conf/controllers", withDestinationPath: outside)
        #expect(throws: BotFileWrite.Failure.self) {
            try BotFileWrite.write(Data("b: 2\n".utf8), to: "conf/controllers/secret.yml", beneath: root)
        }
        #expect(throws: BotFileWrite.Failure.self) {
            try BotFileWrite.write(Data("b: 2\n".utf8), to: "conf/controllers/fresh.yml", beneath: root)
        }
        #expect(try String(contentsOfFile: outside + "/secret.yml", encoding: .utf8) == "root only\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside) == ["secret.yml"])
        #expect(throws: BotFileWrite.Failure.self) {
            try BotFileWrite.write(Data(), to: "../host/secret.yml", beneath: root)
        }
    }

    @Test func aFIFOAtThePathIsRefusedWithoutBlocking() throws {
        defer { remove() }
        #expect(mkfifo(root + "/conf/pipe.yml", 0o644) == 0)
        do {
            try BotFileWrite.write(Data("c: 3\n".utf8), to: "conf/pipe.yml", beneath: root)
            Issue.record("written into a FIFO")
        } catch {
            #expect(error.description == "conf/pipe.yml is not a regular file: hbdeck does not write through it")
        }
    }
}
