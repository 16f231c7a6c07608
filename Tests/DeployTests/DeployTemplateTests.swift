import Deploy
import Docker
import Foundation
import Testing

/// A template taken from a bot: an isolated bot's template asks for a network of the new bot's own, never
/// for the bot's own network (which would put the two bots on one network).
@Suite struct DeployTemplateTests {
    func container(network: String) throws -> ContainerDetails {
        let json = #"""
            {"Id":"c1","Name":"/bot_a","State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,
             "Dead":false,"Pid":1,"ExitCode":0,"Error":"","StartedAt":"","FinishedAt":""},
             "Config":{"Image":"hummingbot/hummingbot:latest","Env":["SCRIPT_CONFIG=pmm.yml"],"Cmd":[]},
             "HostConfig":{"NetworkMode":"\#(network)"}}
            """#
        return try JSONDecoder().decode(ContainerDetails.self, from: Data(json.utf8))
    }

    @Test func anIsolatedBotsTemplateAsksForANetworkOfItsOwn() throws {
        #expect(
            try DeployTemplate(container: container(network: "hbdeck-bot_a"), profile: "master_account").network
                == "isolated")
        #expect(try DeployTemplate(container: container(network: "host"), profile: "master_account").network == "host")
        #expect(
            try DeployTemplate(container: container(network: "desk-net"), profile: "master_account").network
                == "desk-net")
    }
}
