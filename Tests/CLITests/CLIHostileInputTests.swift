import Foundation
import HBTestSupport
import Testing

/// Bad input from the command line: one line on stderr, exit 1, nothing done.
@Suite struct CLIHostileInputTests {
    @Test(arguments: [
        (["logs", "--since", "1e300", "x"], "--since"),
        (["logs", "--tail", "-5", "x"], "--tail"),
        (["stop", "--nonsense", "x"], "--nonsense"),
        (["no-such-command"], "no-such-command"),
        (["bot", "status", "bad\nname"], "bad\\nname"),
    ])
    func usageErrorsAreOneLineAndExit1(arguments: [String], mentioned: String) throws {
        let result = try HBDeckProcess.run(arguments, dockerHost: "unix:///tmp/hbdeck-nothing-here.sock")
        #expect(result.status == 1, "\(arguments)")
        #expect(result.stderr.hasPrefix("hbdeck: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(mentioned), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aNameWithANewlineIsOneLine() throws {
        let result = try HBDeckProcess.run(["stop", "bad\nname"], dockerHost: "unix:///tmp/hbdeck-nothing-here.sock")
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "hbdeck: invalid instance name \"bad\\nname\": \"\\n\" is not allowed: use letters, digits, _ and - only\n"
        )
    }

    @Test(arguments: ["9999999999999", "70000", "-5", "0"])
    func anMQTTPortOutOfRangeIsRefused(port: String) throws {
        let result = try HBDeckProcess.run(
            ["console", "--mqtt-port=\(port)"], dockerHost: "unix:///tmp/hbdeck-nothing-here.sock")
        #expect(result.status == 1)
        #expect(result.stderr.contains("port"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let path = "/tmp/hbdeck-config-\(UInt32.random(in: 0...UInt32.max)).yml"
        try "mqtt_port: \(port)\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try HBDeckProcess.run(
            ["console", "--config", path], dockerHost: "unix:///tmp/hbdeck-nothing-here.sock")
        #expect(fromFile.status == 1)
        #expect(fromFile.stderr.contains("port"), "\(fromFile.stderr)")
    }

    @Test func helpStillPrints() throws {
        let help = try HBDeckProcess.run(["logs", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--raw"))
    }
}

/// A reader that goes away (`| head`) ends a printing command quietly, as shells expect.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct ClosedPipeTests {
    @Test func watchIntoHeadEndsQuietly() throws {
        let fleet = try TestFleet("pipe")
        defer { fleet.remove() }
        try fleet.startBot(TestEngine.uniqueName("pipebot"))
        let script =
            "\(HBDeckProcess.binary.path) watch --heartbeats --mqtt-port \(fleet.port) | head -8 >/dev/null; "
            + "echo \"status=${PIPESTATUS[0]}\""
        let result = try Subprocess.run(["/bin/bash", "-c", script], timeout: 90)
        #expect(result.stdout.contains("status=141") || result.stdout.contains("status=0"), "\(result.stdout)")
        #expect(!result.stderr.contains("Fatal error"), "\(result.stderr)")
        #expect(!result.stderr.contains("crashed"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("watching ") }, "\(result.stderr)")
    }

    @Test func logsIntoGrepMatchingOnceEndsQuietly() throws {
        let fleet = try TestFleet("pipelogs", startingBroker: false)
        defer { fleet.remove() }
        let bot = try fleet.startBot(TestEngine.uniqueName("pipelogsbot"), environment: ["HBDECK_BOT_LOG_RATE": "50"])
        let script =
            "DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) logs -f \(bot) | grep -m1 noise >/dev/null; "
            + "echo \"status=${PIPESTATUS[0]}\""
        let result = try Subprocess.run(["/bin/bash", "-c", script], timeout: 90)
        #expect(result.stdout.contains("status=141") || result.stdout.contains("status=0"), "\(result.stdout)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}

/// Memory stays bounded in bytes whatever is published: one-megabyte messages to an id nobody shows.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct HugeMessageTests {
    @Test func megabyteMessagesDoNotGrowWatch() throws {
        let fleet = try TestFleet("huge")
        defer { fleet.remove() }
        let payloads = "/tmp/hbdeck-huge-\(UInt32.random(in: 0...UInt32.max)).txt"
        defer { try? FileManager.default.removeItem(atPath: payloads) }
        let message =
            #"{"timestamp":1795627943,"msg":""# + String(repeating: "x", count: 1_000_000) + #"","level_no":20}"#
        let handle = try #require(
            FileHandle(
                forWritingAtPath: {
                    FileManager.default.createFile(atPath: payloads, contents: nil)
                    return payloads
                }()))
        for _ in 0..<300 { handle.write(Data((message + "\n").utf8)) }
        try handle.close()
        let output = "/tmp/hbdeck-huge-watch-\(UInt32.random(in: 0...UInt32.max))"
        let printed = output + ".out"
        defer {
            try? FileManager.default.removeItem(atPath: output)
            try? FileManager.default.removeItem(atPath: printed)
        }
        let watch = try Subprocess.spawn(
            [HBDeckProcess.binary.path, "watch", "--mqtt-port", String(fleet.port), "nobody_here"], stdout: printed,
            stderr: output)
        defer {
            kill(watch, SIGKILL)
            Subprocess.wait(watch)
        }
        var ready = false
        for _ in 0..<300 where !ready {
            ready = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").contains("watching")
            if !ready { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(ready, "watch did not connect")
        _ = try Subprocess.run(
            ["mosquitto_pub", "-p", String(fleet.port), "-t", "hbot/nobody_here/log", "-l", "-q", "1"], timeout: 120,
            stdinFile: payloads)
        // A last, small message: once watch printed it, it took in every one before.
        _ = try Subprocess.run(
            [
                "mosquitto_pub", "-p", String(fleet.port), "-t", "hbot/nobody_here/log", "-q", "1", "-m",
                #"{"timestamp":1795627943,"msg":"the end","level_no":20}"#,
            ], timeout: 30)
        var ended = false
        for _ in 0..<600 where !ended {
            ended = ((try? String(contentsOfFile: printed, encoding: .utf8)) ?? "").contains("the end")
            if !ended { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(ended, "watch did not print the last message")
        let status = try String(contentsOfFile: "/proc/\(watch)/status", encoding: .utf8)
        let peakKB =
            status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.flatMap {
                Int($0.split(whereSeparator: \.isWhitespace)[1])
            } ?? 0
        #expect(peakKB > 0)
        #expect(peakKB < 150_000, "hbdeck watch peaked at \(peakKB / 1024) MB")
    }
}
