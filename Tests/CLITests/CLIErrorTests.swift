import Foundation
import Testing

@Suite struct CLIErrorTests {
    @Test func aMalformedDockerHostIsOneClearLine() throws {
        let result = try HBDeckProcess.run(["ls"], dockerHost: "tcp://engine:notaport")
        #expect(result.status == 1)
        #expect(result.stderr == "hbdeck: invalid Docker endpoint \"tcp://engine:notaport\": the port must be a number from 1 to 65535\n")
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
        #expect(result.stderr == "hbdeck: the console needs a terminal; for scripts use a command such as `hbdeck ls` (see --help)\n")
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
    }
}
