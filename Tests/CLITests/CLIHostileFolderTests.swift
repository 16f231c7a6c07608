import Foundation
import HBTestSupport
import Synchronization
import Testing

/// What a bot can put in its own folder, met by the commands that write there (no engine needed): links to
/// host files, an alias bomb, and several operators setting one file at once.
@Suite struct CLIHostileFolderTests {
    typealias Folder = CLIFileTests.Folder

    @Test func tenSetsOfOneFileAtOnceAllLand() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let keys = (0..<10).map { "key_\($0)" }
        try (keys.map { "\($0): 0" }.joined(separator: "\n") + "\n").write(
            to: folder.root.appendingPathComponent(folder.config), atomically: true, encoding: .utf8)
        let results = Mutex<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: keys.count) { index in
            let result = try? folder.hbdeck(["set", folder.config, "\(keys[index])=\(index + 1)"])
            results.withLock { $0.append(result?.status ?? -1) }
        }
        #expect(results.withLock { $0 } == Array(repeating: 0, count: keys.count))
        let text = folder.text
        for (index, key) in keys.enumerated() {
            #expect(text.contains("\(key): \(index + 1)\n"), "\(key) was lost:\n\(text)")
        }
        let versions = try folder.hbdeck(["versions", folder.config])
        #expect(versions.stdout.components(separatedBy: "set key_").count - 1 == keys.count, "\(versions.stdout)")
    }

    @Test func aLinkToAHostFileIsNeitherReadNorWritten() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let host = folder.root.deletingLastPathComponent().appendingPathComponent(
            "hbdeck-host-\(UInt32.random(in: 0...UInt32.max)).yml")
        defer { try? FileManager.default.removeItem(at: host) }
        try "secret_key: host-only-value\n".write(to: host, atomically: true, encoding: .utf8)
        let link = "instances/bot_1/conf/controllers/ctl.yml"
        try FileManager.default.createSymbolicLink(
            atPath: folder.root.appendingPathComponent(link).path, withDestinationPath: host.path)

        let set = try folder.hbdeck(["set", link, "secret_key=changed"])
        #expect(set.status == 1)
        #expect(set.stderr.contains("a symbolic link, not followed"), "\(set.stderr)")
        #expect(!set.stderr.contains("host-only-value") && !set.stdout.contains("host-only-value"))
        #expect(try String(contentsOf: host, encoding: .utf8) == "secret_key: host-only-value\n")

        // An upload over a link in the shared conf/controllers: refused, the link and its target stay.
        try FileManager.default.createDirectory(
            at: folder.root.appendingPathComponent("conf/controllers"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.root.appendingPathComponent("conf/controllers/ctl.yml").path, withDestinationPath: host.path)
        let source = folder.root.deletingLastPathComponent().appendingPathComponent(
            "hbdeck-upload-\(UInt32.random(in: 0...UInt32.max)).yml")
        defer { try? FileManager.default.removeItem(at: source) }
        try "controller_name: grid_strike\n".write(to: source, atomically: true, encoding: .utf8)
        let upload = try folder.hbdeck(["upload", source.path, "--as", "ctl.yml", "--controller-config", "--replace"])
        #expect(upload.status != 0, "\(upload.stdout)")
        #expect(try String(contentsOf: host, encoding: .utf8) == "secret_key: host-only-value\n")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(
                atPath: folder.root.appendingPathComponent("conf/controllers/ctl.yml").path) == host.path)
        // A name with control characters is refused as a name, and said without them obeyed.
        let escaped = try folder.hbdeck([
            "upload", source.path, "--as", "a\u{1B}]0;owned\u{07}\nb.yml", "--controller-config",
        ])
        #expect(escaped.status != 0)
        #expect(escaped.stderr.contains("is not a plain file name"), "\(escaped.stderr)")
        // On a terminal (script(1) gives the command one), the escape is shown, not obeyed.
        let settings = folder.root.appendingPathComponent("hbdeck.yml")
        let command =
            "'\(HBDeckProcess.binary.path)' upload '\(source.path)' --as \"$(printf 'a\\033]0;owned\\007b.yml')\" --controller-config"
            + " --bots-folder '\(folder.root.path)' --config '\(settings.path)'"
        let onTerminal = try Subprocess.run(
            ["script", "-qec", command, "/dev/null"],
            environment: ProcessInfo.processInfo.environment.merging([
                "XDG_STATE_HOME": NSTemporaryDirectory() + "hbdeck-test-state"
            ]) { $1 }, timeout: 60)
        #expect(
            onTerminal.stdout.contains("a^[]0;owned^Gb.yml is not a plain file name"),
            "\(onTerminal.stdout.debugDescription)")
        #expect(!onTerminal.stdout.contains("\u{1B}]0;"), "\(onTerminal.stdout.debugDescription)")

        // A folder on the way swapped for a link: nothing is written where it points.
        let controllers = folder.root.appendingPathComponent("instances/bot_1/conf/controllers")
        try FileManager.default.removeItem(at: controllers)
        try FileManager.default.createSymbolicLink(
            atPath: controllers.path, withDestinationPath: host.deletingLastPathComponent().path)
        let through = try folder.hbdeck([
            "set", "instances/bot_1/conf/controllers/\(host.lastPathComponent)", "secret_key=changed",
        ])
        #expect(through.status == 1)
        #expect(try String(contentsOf: host, encoding: .utf8) == "secret_key: host-only-value\n")
    }

    /// The alias bomb is refused by the binary operators run, under a memory ceiling it would otherwise pass.
    @Test func anAliasBombIsRefusedUnderAMemoryCeiling() throws {
        let folder = try Folder()
        defer { folder.remove() }
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            bomb += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", "))]\n"
        }
        try (bomb + "leverage: 5\n").write(
            to: folder.root.appendingPathComponent(folder.config), atomically: true, encoding: .utf8)
        let settings = folder.root.appendingPathComponent("hbdeck.yml")
        try "".write(to: settings, atomically: true, encoding: .utf8)
        // 1 GiB of address space: the bomb took 2 GB before it was bounded.
        let result = try Subprocess.run(
            [
                "/bin/sh", "-c", "ulimit -v 1048576 && exec \"$0\" \"$@\"", HBDeckProcess.binary.path,
                "set", folder.config, "leverage=10", "--bots-folder", folder.root.path, "--config", settings.path,
            ],
            environment: ProcessInfo.processInfo.environment.merging([
                "XDG_STATE_HOME": NSTemporaryDirectory() + "hbdeck-test-state"
            ]) { $1 }, timeout: 120)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("aliases expand to over 100000 values"), "\(result.stderr)")
        #expect(folder.text.contains("leverage: 5\n"))
    }
}
