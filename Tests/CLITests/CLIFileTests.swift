import Foundation
import HBTestSupport
import Testing

/// Form edits and editor edits from the command line, on a bots folder in /tmp (no engine needed).
@Suite struct CLIFileTests {
    struct Folder {
        let root = URL(
            fileURLWithPath: NSTemporaryDirectory() + "hbdeck-cli-files-\(UInt32.random(in: 0...UInt32.max))")
        let config = "instances/bot_1/conf/controllers/grid_1.yml"
        static let original = """
            # grid settings, tuned by hand
            id: grid_1
            controller_name: grid_strike    # the controller's code
            leverage: 5
            triple_barrier_config:
              stop_loss: '0.03'
              take_profit: 0.02
            trading_pair: BTC-USDT

            """

        init() throws {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("instances/bot_1/conf/controllers"), withIntermediateDirectories: true)
            try Self.original.write(to: root.appendingPathComponent(config), atomically: true, encoding: .utf8)
        }

        var text: String { (try? String(contentsOf: root.appendingPathComponent(config), encoding: .utf8)) ?? "" }

        func hbdeck(_ arguments: [String], editor: String? = nil, environment: [String: String] = [:]) throws
            -> HBDeckProcess.Result
        {
            let settings = root.appendingPathComponent("hbdeck.yml")
            try "".write(to: settings, atomically: true, encoding: .utf8)
            return try HBDeckProcess.run(
                arguments + ["--bots-folder", root.path, "--config", settings.path], dockerHost: nil,
                environment: environment.merging(editor.map { ["VISUAL": $0] } ?? [:]) { $1 })
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func aFormEditChangesOnlyTheEditedValues() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let set = try folder.hbdeck([
            "set", folder.config, "leverage=20", "triple_barrier_config.stop_loss=0.05", "trading_pair=ETH-USDT",
        ])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(
            folder.text
                == Folder.original
                .replacingOccurrences(of: "leverage: 5", with: "leverage: 20")
                .replacingOccurrences(of: "stop_loss: '0.03'", with: "stop_loss: '0.05'")
                .replacingOccurrences(of: "BTC-USDT", with: "ETH-USDT"))
        let versions = try folder.hbdeck(["versions", folder.config])
        #expect(versions.stdout.contains("as found before hbdeck changed it"))
        #expect(
            versions.stdout.contains("set leverage=20, triple_barrier_config.stop_loss=0.05, trading_pair=ETH-USDT"))

        let list = try folder.hbdeck(["set", folder.config, "leverage=[1, 2]"])
        #expect(list.status == 1)
        #expect(list.stderr.contains("only single values are set here"))
        let block = try folder.hbdeck(["set", folder.config, "triple_barrier_config=0.1"])
        #expect(block.status == 1)
        #expect(block.stderr.contains("triple_barrier_config is a list or a block of settings"))
        let escape = try folder.hbdeck(["set", "../outside.yml", "a=1"])
        #expect(escape.status == 1)
        #expect(escape.stderr.contains("is not a file of the bots folder"))
    }

    /// Operators often start hbdeck from inside the bots folder: versions are kept all the same.
    @Test func aSaveFromInsideTheBotsFolderKeepsItsVersions() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let inside = folder.root.appendingPathComponent("instances/bot_1")
        let settings = folder.root.appendingPathComponent("hbdeck.yml")
        try "".write(to: settings, atomically: true, encoding: .utf8)
        let line =
            "cd '\(inside.path)' && exec '\(HBDeckProcess.binary.path)' set \(folder.config) leverage=7 --bots-folder '\(folder.root.path)' --config '\(settings.path)'"
        let set = try Subprocess.run(["/bin/sh", "-c", line], timeout: 60)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(folder.text.contains("leverage: 7\n"))
        let versions = try folder.hbdeck(["versions", folder.config])
        #expect(versions.stdout.contains("set leverage=7"), "\(versions.stdout)")
    }

    @Test func anEditorEditIsSavedOnlyWhenItStillParses() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let good = try folder.hbdeck(["edit", folder.config], editor: "sed -i s/grid_strike/pmm_simple/")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("\(folder.config) saved"))
        #expect(folder.text == Folder.original.replacingOccurrences(of: "grid_strike", with: "pmm_simple"))

        let before = folder.text
        let bad = try folder.hbdeck(["edit", folder.config], editor: "sed -i s/grid_1$/[grid_1/")
        #expect(bad.stdout.contains("not saved: grid_1.yml is not valid YAML"), "\(bad.stdout)")
        #expect(folder.text == before)
        let kept = try #require(bad.stdout.firstMatch(of: /kept in (\S+)/)).1
        #expect(
            try String(contentsOfFile: String(kept), encoding: .utf8).contains("id: [grid_1"), "the edit is not lost")
        try? FileManager.default.removeItem(atPath: String(kept))
    }

    /// A save killed at any moment leaves the old file or the new one, never a torn one, and the next save works.
    @Test func aKillDuringASaveLeavesTheOldOrTheNewFile() throws {
        let folder = try Folder()
        defer { folder.remove() }
        // A large file, so that a kill lands inside the write now and then.
        let padding = (0..<40_000).map { "  k\($0): \($0)" }.joined(separator: "\n")
        try (Folder.original + "padding:\n" + padding + "\n").write(
            to: folder.root.appendingPathComponent(folder.config), atomically: true, encoding: .utf8)
        let settings = folder.root.appendingPathComponent("hbdeck.yml")
        try "".write(to: settings, atomically: true, encoding: .utf8)
        let target = folder.root.appendingPathComponent(folder.config)
        let directory = target.deletingLastPathComponent().path
        func size() -> Int { ((try? FileManager.default.attributesOfItem(atPath: target.path))?[.size] as? Int) ?? -1 }
        for round in 0..<6 {
            let before = folder.text
            let beforeSize = size()
            let value = "v\(round)"
            let pid = try Subprocess.spawn([
                HBDeckProcess.binary.path, "set", folder.config, "trading_pair=\(value)", "--bots-folder",
                folder.root.path, "--config", settings.path,
            ])
            // Killed the moment its write shows on disk: a temporary file beside the config, or the config itself changing.
            var status: Int32 = 0
            while waitpid(pid, &status, WNOHANG) == 0 {
                let writing = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).contains {
                    $0.contains(".hbdeck-tmp-")
                }
                if writing || size() != beforeSize {
                    kill(pid, SIGKILL)
                    Subprocess.wait(pid)
                    break
                }
                usleep(50)
            }
            let after = folder.text
            #expect(
                after == before || after == before.replacing(#/trading_pair: \S+/#, with: "trading_pair: \(value)"),
                "torn at round \(round)")
            #expect(after.hasSuffix("k39999: 39999\n"), "torn at round \(round)")
        }
        let final = try folder.hbdeck(["set", folder.config, "trading_pair=DONE-USDT"])
        #expect(final.status == 0, "a save after the kills works: \(final.stderr)")
        #expect(folder.text.contains("trading_pair: DONE-USDT"))
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: folder.root.appendingPathComponent("instances/bot_1/conf/controllers").path)
        #expect(leftovers == ["grid_1.yml"], "no temporary file is left")
    }
}

/// The audit log and read-only mode, from the command line.
@Suite struct CLIAuditTests {
    @Test func everyChangeIsRecordedAndReadOnlyModeRefusesIt() throws {
        let folder = try CLIFileTests.Folder()
        defer { folder.remove() }
        let audit = folder.root.appendingPathComponent(".hbdeck/audit.log")
        #expect(try folder.hbdeck(["set", folder.config, "leverage=9"]).status == 0)
        let bad = try folder.hbdeck(["set", folder.config, "a.b.c=1"])
        #expect(bad.status == 1)
        let before = folder.text
        let refused = try folder.hbdeck(["set", folder.config, "leverage=10"], environment: ["HBDECK_READ_ONLY": "1"])
        #expect(
            refused.status == 1
                && refused.stderr.contains("read-only mode (HBDECK_READ_ONLY is set): set refused, nothing was done"),
            "\(refused.stderr)")
        #expect(folder.text == before, "nothing changed")
        let listed = try folder.hbdeck(["audit", "--json"])
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(listed.stdout)")
        #expect(
            lines[0].contains(#""action":"set""#) && lines[0].contains(#""outcome":"ok""#)
                && lines[0].contains(#""via":"cli""#))
        #expect(lines[1].contains(#""outcome":"failed: "#) && lines[1].contains("a.b.c is not a setting name"))
        #expect(lines[2].contains(#""outcome":"refused: read-only mode""#))
        #expect(FileManager.default.fileExists(atPath: audit.path))
        let table = try folder.hbdeck(["audit", "--since", "1h"])
        #expect(table.stdout.contains("TIME") && table.stdout.contains("refused: read-only mode"))
    }

    /// Killed at any moment, a writer leaves whole lines: every line of the log still parses.
    @Test func aKillDuringAWriteLeavesNoTornLine() throws {
        let folder = try CLIFileTests.Folder()
        defer { folder.remove() }
        let settings = folder.root.appendingPathComponent("hbdeck.yml")
        try "".write(to: settings, atomically: true, encoding: .utf8)
        for round in 0..<24 {
            let process = Process()
            process.executableURL = HBDeckProcess.binary
            process.arguments = [
                "set", folder.config, "leverage=\(round)", "--bots-folder", folder.root.path, "--config", settings.path,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Anywhere from before it starts to after it is done.
            Thread.sleep(forTimeInterval: Double(round % 8) * 0.02)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        #expect(try folder.hbdeck(["set", folder.config, "leverage=99"]).status == 0)
        let text = try String(contentsOf: folder.root.appendingPathComponent(".hbdeck/audit.log"), encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil }, "\(text)")
        #expect(lines.last?.contains("leverage") == true)
    }
}

/// `hbdeck clean-logs`: rotated logs go, the ones being written stay.
@Suite struct CLICleanLogsTests {
    @Test func rotatedLogsAreDeletedAndCurrentOnesKept() throws {
        let folder = try CLIFileTests.Folder()
        defer { folder.remove() }
        let logs = folder.root.appendingPathComponent("instances/bot_1/logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let old = Date().addingTimeInterval(-5 * 86_400)
        for (name, date) in [
            ("logs_bot_1.log", Date()), ("errors.log", Date()), ("logs_bot_1.log.2026-11-20", old),
            ("logs_hummingbot.log.2026-11-25", Date()), (".hidden.log.1", old),
        ] {
            try String(repeating: "x", count: 1000).write(
                to: logs.appendingPathComponent(name), atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes(
                [.modificationDate: date], ofItemAtPath: logs.appendingPathComponent(name).path)
        }
        func present() -> Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? []) }
        let dry = try folder.hbdeck(["clean-logs", "--dry-run"])
        #expect(dry.stdout.contains("would delete instances/bot_1/logs/logs_bot_1.log.2026-11-20"), "\(dry.stdout)")
        #expect(present().count == 5, "a dry run deletes nothing")
        let older = try folder.hbdeck(["clean-logs", "bot_1", "--older-than", "2d"])
        #expect(older.status == 0 && older.stdout.contains("freed"), "\(older.stderr)")
        #expect(present() == ["logs_bot_1.log", "errors.log", "logs_hummingbot.log.2026-11-25", ".hidden.log.1"])
        #expect(
            try folder.hbdeck(["clean-logs"]).stdout.contains(
                "deleted instances/bot_1/logs/logs_hummingbot.log.2026-11-25"))
        #expect(present() == ["logs_bot_1.log", "errors.log", ".hidden.log.1"], "logs being written are never deleted")
        #expect(
            try folder.hbdeck(["clean-logs", "../etc"]).status == 1, "a name that is not an instance name is refused")
    }
}
