import BackendAPI
import Foundation
import HBModel
import Testing

/// The screen's rows from the API's replies: the container decides the state, the API's copy of the bot's
/// reports gives the figures, and a bot's hostile payload costs its own field, never the fleet's reply.
@Suite struct APIFleetViewTests {
    let server = try! APIServer(name: "ops", url: "http://admin@10.0.0.5:8000/")

    @Test func anAddressIsReadWithoutAPassword() throws {
        #expect(server.baseURL == "http://10.0.0.5:8000" && server.username == "admin" && server.name == "ops")
        #expect(throws: APIServer.ParseError.passwordInURL) { try APIServer(url: "http://admin:secret@host:8000") }
        #expect(throws: APIServer.ParseError.notHTTP("ftp://host")) { try APIServer(url: "ftp://host") }
        #expect(try APIServer(url: "https://api.example:8443/hb").baseURL == "https://api.example:8443/hb")
    }

    @Test func aBotsOwnGarbageCostsOnlyItsOwnFields() throws {
        let json = """
            {"status":"success","data":{
              "good":{"status":"running","recently_active":true,"source":"docker",
                "performance":{"c1":{"status":"running","performance":{"global_pnl_quote":1.5,"volume_traded":"200"}}},
                "error_logs":[{"level_name":"ERROR","msg":"boom","timestamp":1796456869.3,"logger_name":"a.b"}],
                "general_logs":[]},
              "hostile":{"status":"running","recently_active":"yes",
                "performance":{"c1":7,"c2":{"performance":{"global_pnl_quote":1e300,"volume_traded":[1]}}},
                "error_logs":[{"msg":{"nested":true},"timestamp":"later"},{"level_name":"ERROR"},"text"],
                "general_logs":{"not":"a list"}}
            }}
            """
        let reply = try JSONDecoder().decode(APIEnvelope<[String: APIBotStatus]>.self, from: Data(json.utf8))
        let hostile = try #require(reply.data["hostile"])
        #expect(hostile.recentlyActive == nil && hostile.generalLogs.isEmpty)
        #expect(Array(hostile.performance.keys) == ["c2"])
        #expect(hostile.errorLogs.count == 1 && hostile.errorLogs[0].timestamp == nil)
        let containers = ["good", "hostile"].map {
            APIContainer(id: $0, name: $0, status: "running", image: "hummingbot/hummingbot:latest")
        }
        let rows = APIFleetView.instances(
            APIFleetReading(active: containers, status: reply.data), server: server, now: 1_800_000_000)
        #expect(rows.map(\.name) == ["good", "hostile"])
        #expect(rows[0].pnl == 1.5 && rows[0].volume == 200 && rows[0].errors == 1 && rows[0].health == .online)
        #expect(rows[1].pnl == nil && rows[1].volume == nil, "a figure beyond 1e15 is not shown")
        #expect(rows[1].health == .unresponsive)
        #expect(rows[1].problems.first?.time == 1_800_000_000, "a time that is not a number is when it was read")
    }

    @Test func theContainerDecidesTheState() {
        let reading = APIFleetReading(
            active: [
                APIContainer(id: "1", name: "run", status: "running", image: "hummingbot/hummingbot:latest"),
                APIContainer(id: "2", name: "hummingbot-broker", status: "running", image: "emqx:5"),
            ],
            exited: [APIContainer(id: "3", name: "old", status: "exited", image: "sha256:43618")],
            status: [
                "run": APIBotStatus(status: "stopped", recentlyActive: true),
                "far": APIBotStatus(status: "running", recentlyActive: true),
            ],
            runs: [
                APIBotRun(
                    id: 1, botName: "old", deployedAt: "2026-12-05T07:47:48+00:00", strategyType: "controller",
                    strategyName: "v2_with_controllers", configName: "old.yml", accountName: "master_account",
                    deploymentStatus: "DEPLOYED", runStatus: "STOPPED")
            ])
        let rows = APIFleetView.instances(reading, server: server, stopping: ["run": "stop under way"], now: 0)
        #expect(rows.map(\.name) == ["far", "old", "run"], "the broker is not a bot; a deployed run is")
        #expect(rows[0].state == .running && rows[0].reason?.contains("MQTT only") == true)
        #expect(rows[1].state == .stopped && rows[1].strategy == "old.yml" && rows[1].health == nil)
        #expect(rows[2].state == .stopping && rows[2].reason == "stop under way", "the API's `stopped` is not believed")
        #expect(rows.allSatisfy { $0.throughAPI == "http://10.0.0.5:8000" })
    }

    @Test func anAPIThatStopsAnsweringKeepsItsRowsMarkedStale() {
        let live = APIFleetView.snapshot(
            APIFleetReading(active: [APIContainer(id: "1", name: "a", status: "running", image: "x/hummingbot:1")]),
            server: server, now: 10)
        let offline = APIFleetView.offline(live, server: server, reason: "connection refused", lastGood: 10, now: 20)
        #expect(offline.instances.map(\.name) == ["a"] && offline.throughAPI)
        #expect(offline.engine == .offline(reason: "connection refused", lastGood: 10))
        #expect(live.broker.heldByAPI)
    }
}
