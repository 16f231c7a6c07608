import Testing

@testable import BotLink

@Suite struct BotCommandTests {
    @Test func requestsCarryTheFieldsHummingbotReads() {
        #expect(
            BotCommand.stop(skipOrderCancellation: true).data
                == .object(["skip_order_cancellation": .bool(true), "async_backend": .bool(true)]))
        #expect(
            BotCommand.config(params: [("kill_switch_mode", .string("x"))]).data
                == .object(["params": .array([.array([.string("kill_switch_mode"), .string("x")])])]))
        #expect(BotCommand.balanceLimit(exchange: "binance", asset: "USDT", amount: 5).topicSuffix == "balance/limit")
        #expect(BotCommand.importStrategy("a.yml").topicSuffix == "import")
        #expect(BotCommand.stop().defaultTimeout == 10)
        #expect(BotCommand.status.defaultTimeout == 10)
    }

    @Test func repliesAreReadFromTheEnvelope() throws {
        let payload =
            #"{"header":{"reply_to":"","timestamp":1,"content_type":"json","encoding":"utf8","agent":"commlib"},"data":{"status":400,"msg":"The bot is already running - please run \"stop\" first"}}"#
        let reply = try #require(BotReply(payload: Array(payload.utf8)))
        #expect(reply.status == 400)
        #expect(!reply.succeeded)
        #expect(reply.message == #"The bot is already running - please run "stop" first"#)
        #expect(BotReply(payload: Array("nope".utf8)) == nil)
        #expect(BotReply(payload: Array(#"{"data":{"msg":"no status"}}"#.utf8)) == nil)
    }
}
