import Foundation
import Testing

@Suite struct CLIErrorTests {
    @Test func aMalformedDockerHostIsOneClearLine() throws {
        let result = try HBDeckProcess.run(["ls"], dockerHost: "tcp://engine:notaport")
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "hbdeck: invalid Docker endpoint \"tcp://engine:notaport\": the port must be a number from 1 to 65535\n"
        )
        #expect(result.stdout.isEmpty)
    }

    @Test func anEngineThatDoesNotAnswerNamesTheEndpointAndHowToChoose() throws {
        let result = try HBDeckProcess.run(["ls"], dockerHost: "unix:///tmp/hbdeck-nothing-here.sock", seconds: 15)
        #expect(result.status == 1)
        #expect(result.stderr.contains("unix:///tmp/hbdeck-nothing-here.sock"))
        #expect(result.stderr.contains("DOCKER_HOST"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func withoutATerminalTheConsoleSaysWhatToDoInstead() throws {
        let result = try HBDeckProcess.run([])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "hbdeck: the console needs a terminal; for scripts use a command such as `hbdeck ls` (see --help)\n")
        let help = try HBDeckProcess.run(["--help"])
        #expect(help.stdout.contains("USAGE: hbdeck <subcommand>"))
    }

    @Test func aBrokenConfigFileNamesTheLine() throws {
        let path = "/tmp/hbdeck-config-\(UInt32.random(in: 0...UInt32.max)).yml"
        try "theme: dark\nrefresh_interval: soon\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try HBDeckProcess.run(["console", "--config", path])
        #expect(result.status == 1)
        #expect(result.stderr == "hbdeck: \(path):2: refresh_interval must be a number\n")
        try "theme: dark  # the default\nmqtt_port:\n  - 1883\n".write(toFile: path, atomically: true, encoding: .utf8)
        let nested = try HBDeckProcess.run(["console", "--config", path])
        #expect(nested.stderr == "hbdeck: \(path):2: \"mqtt_port\" takes one value, not a list or a mapping\n")
        try "theme: dark\nmqtt_port: [1883\n".write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try HBDeckProcess.run(["console", "--config", path])
        #expect(broken.stderr.hasPrefix("hbdeck: \(path):"), "\(broken.stderr)")
        #expect(broken.stderr.split(separator: "\n").count == 1)
        let missing = try HBDeckProcess.run(["console", "--config", "/nonexistent/hbdeck.yml"])
        #expect(missing.stderr == "hbdeck: cannot read the config file /nonexistent/hbdeck.yml\n")
        // Every command reads it the same way, before anything is done.
        for command in [
            ["ls"], ["record"], ["watch"], ["audit"], ["broker", "status"], ["bot", "status", "x"],
            ["create", "x", "--script-config", "a.yml"],
        ] {
            let result = try HBDeckProcess.run(command + ["--config", "/nonexistent/hbdeck.yml"])
            #expect(
                result.status == 1 && result.stderr == "hbdeck: cannot read the config file /nonexistent/hbdeck.yml\n",
                "\(command): \(result.stderr)")
        }
    }

    /// One set of options: the former `--config-file` still works, saying once that it is deprecated, and
    /// every command lists the shared options under the same heading in the same order.
    @Test func everyCommandTakesTheSameOptions() throws {
        let path = "/tmp/hbdeck-config-\(UInt32.random(in: 0...UInt32.max)).yml"
        try "mqtt_port: 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let old = try HBDeckProcess.run(["watch", "--config-file", path, "--connect-timeout", "1"])
        #expect(old.stderr.hasPrefix("hbdeck: --config-file is deprecated: use --config\n"), "\(old.stderr)")
        #expect(old.stderr.contains("127.0.0.1:1"), "the file's mqtt_port was read: \(old.stderr)")
        let flag = try HBDeckProcess.run(["watch", "--config", path, "--mqtt-port", "2", "--connect-timeout", "1"])
        #expect(flag.stderr.contains("127.0.0.1:2"), "a flag overrides the file: \(flag.stderr)")

        let shared = [
            "--config", "--host", "--context", "--mqtt-host", "--mqtt-port", "--mqtt-user", "--mqtt-ca", "--namespace",
            "--bots-folder", "--read-only",
        ]
        let commands = [
            ["console"], ["ls"], ["inspect"], ["start"], ["stop"], ["restart"], ["rm"], ["update"], ["reload"],
            ["create"], ["deploy"],
            ["profile", "ls"], ["profile", "create"], ["profile", "keys"], ["template", "save"], ["template", "ls"],
            ["upload"], ["versions"],
            ["diff"], ["rollback"], ["set"], ["edit"], ["logs"], ["stats"], ["events"], ["bot", "status"],
            ["bot", "stop"], ["watch"],
            ["config"], ["doctor"], ["new-config"], ["audit"], ["broker", "create"], ["broker", "status"],
            ["broker", "logs"], ["clean-logs"],
            ["record"], ["export"], ["chart"],
        ]
        for command in commands {
            let help = try HBDeckProcess.run(["help"] + command).stdout
            let section =
                help.components(separatedBy: "WHERE HBDECK WORKS:").dropFirst().first?.components(
                    separatedBy: "OPTIONS:"
                ).first ?? ""
            let order = shared.compactMap { flag in section.range(of: " \(flag) ").map { (flag, $0.lowerBound) } }
            #expect(order.map(\.0) == shared, "\(command): \(help)")
            #expect(order.map(\.1) == order.map(\.1).sorted(), "\(command): the shared options in one order")
        }
    }
}
