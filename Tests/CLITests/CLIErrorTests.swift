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

    @Test func withNoArgumentsItPrintsHelp() throws {
        let result = try HBDeckProcess.run([])
        #expect(result.stdout.contains("USAGE: hbdeck <subcommand>") || result.stderr.contains("USAGE: hbdeck <subcommand>"))
    }
}
