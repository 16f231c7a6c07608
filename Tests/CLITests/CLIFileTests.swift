import Foundation
import HBTestSupport
import Testing

/// Form edits and editor edits from the command line, on a bots folder in /tmp (no engine needed).
@Suite struct CLIFileTests {
    struct Folder {
        let root = URL(fileURLWithPath: NSTemporaryDirectory() + "hbdeck-cli-files-\(UInt32.random(in: 0...UInt32.max))")
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
            try FileManager.default.createDirectory(at: root.appendingPathComponent("instances/bot_1/conf/controllers"), withIntermediateDirectories: true)
            try Self.original.write(to: root.appendingPathComponent(config), atomically: true, encoding: .utf8)
        }

        var text: String { (try? String(contentsOf: root.appendingPathComponent(config), encoding: .utf8)) ?? "" }

        func hbdeck(_ arguments: [String], editor: String? = nil) throws -> HBDeckProcess.Result {
            let settings = root.appendingPathComponent("hbdeck.yml")
            try "".write(to: settings, atomically: true, encoding: .utf8)
            return try HBDeckProcess.run(
                arguments + ["--bots-folder", root.path, "--config-file", settings.path], dockerHost: nil,
                environment: editor.map { ["VISUAL": $0] } ?? [:])
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func aFormEditChangesOnlyTheEditedValues() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let set = try folder.hbdeck(["set", folder.config, "leverage=20", "triple_barrier_config.stop_loss=0.05", "trading_pair=ETH-USDT"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(folder.text == Folder.original
            .replacingOccurrences(of: "leverage: 5", with: "leverage: 20")
            .replacingOccurrences(of: "stop_loss: '0.03'", with: "stop_loss: '0.05'")
            .replacingOccurrences(of: "BTC-USDT", with: "ETH-USDT"))
        let versions = try folder.hbdeck(["versions", folder.config])
        #expect(versions.stdout.contains("as found before hbdeck changed it"))
        #expect(versions.stdout.contains("set leverage=20, triple_barrier_config.stop_loss=0.05, trading_pair=ETH-USDT"))

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
        let line = "cd '\(inside.path)' && exec '\(HBDeckProcess.binary.path)' set \(folder.config) leverage=7 --bots-folder '\(folder.root.path)' --config-file '\(settings.path)'"
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
        #expect(try String(contentsOfFile: String(kept), encoding: .utf8).contains("id: [grid_1"), "the edit is not lost")
        try? FileManager.default.removeItem(atPath: String(kept))
    }

    /// A save killed at any moment leaves the old file or the new one, never a torn one, and the next save works.
    @Test func aKillDuringASaveLeavesTheOldOrTheNewFile() throws {
        let folder = try Folder()
        defer { folder.remove() }
        // A large file, so that a kill lands inside the write now and then.
        let padding = (0..<40_000).map { "  k\($0): \($0)" }.joined(separator: "\n")
        try (Folder.original + "padding:\n" + padding + "\n").write(to: folder.root.appendingPathComponent(folder.config), atomically: true, encoding: .utf8)
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
                HBDeckProcess.binary.path, "set", folder.config, "trading_pair=\(value)", "--bots-folder", folder.root.path, "--config-file", settings.path,
            ])
            // Killed the moment its write shows on disk: a temporary file beside the config, or the config itself changing.
            var status: Int32 = 0
            while waitpid(pid, &status, WNOHANG) == 0 {
                let writing = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).contains { $0.contains(".hbdeck-tmp-") }
                if writing || size() != beforeSize {
                    kill(pid, SIGKILL)
                    Subprocess.wait(pid)
                    break
                }
                usleep(50)
            }
            let after = folder.text
            #expect(after == before || after == before.replacing(#/trading_pair: \S+/#, with: "trading_pair: \(value)"), "torn at round \(round)")
            #expect(after.hasSuffix("k39999: 39999\n"), "torn at round \(round)")
        }
        let final = try folder.hbdeck(["set", folder.config, "trading_pair=DONE-USDT"])
        #expect(final.status == 0, "a save after the kills works: \(final.stderr)")
        #expect(folder.text.contains("trading_pair: DONE-USDT"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.root.appendingPathComponent("instances/bot_1/conf/controllers").path)
        #expect(leftovers == ["grid_1.yml"], "no temporary file is left")
    }
}
