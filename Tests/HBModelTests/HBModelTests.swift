import HBModel
import Testing

@Suite struct InstanceNameTests {
    @Test(arguments: ["btc_mm_binance_01", "a", "A-1_b", String(repeating: "x", count: 64)])
    func acceptsHummingbotNames(_ name: String) throws {
        #expect(try InstanceName(validating: name).value == name)
    }

    @Test(arguments: ["", "my.bot", "my bot", "-lead", "_lead", "bot/1", "bøt", String(repeating: "x", count: 65)])
    func rejectsOthersWithAReason(_ name: String) {
        #expect(throws: InstanceName.Problem.self) { try InstanceName(validating: name) }
    }

    @Test func explainsWhatIsWrong() {
        #expect(throws: InstanceName.Problem.badCharacter(".")) { try InstanceName(validating: "my.bot") }
    }
}

@Suite struct BotClassifierTests {
    @Test func followsHummingbotsImageRule() {
        #expect(BotClassifier.isBot(image: "hummingbot/hummingbot:latest", labels: [:]))
        #expect(BotClassifier.isBot(image: "registry.local:5000/team/hummingbot:v2", labels: [:]))
        #expect(BotClassifier.isBot(image: "hbdeck-test/hummingbot:latest", labels: [:]))
        #expect(!BotClassifier.isBot(image: "hummingbot:latest", labels: [:]))
        #expect(!BotClassifier.isBot(image: "emqx:5", labels: [:]))
        #expect(!BotClassifier.isBot(image: "hummingbot/hummingbot-api:latest", labels: [:]))
        #expect(BotClassifier.isBot(image: "sha256:abc", labels: ["hbdeck.role": "bot"]))
    }
}

@Suite struct SecretMaskTests {
    @Test func masksSecretsOnly() {
        #expect(SecretMask.maskEnvironmentEntry("CONFIG_PASSWORD=hunter2") == "CONFIG_PASSWORD=••••")
        #expect(SecretMask.maskEnvironmentEntry("MQTT_PASSWORD=x=y") == "MQTT_PASSWORD=••••")
        #expect(SecretMask.maskEnvironmentEntry("BINANCE_API_KEY=abc") == "BINANCE_API_KEY=••••")
        #expect(SecretMask.maskEnvironmentEntry("SCRIPT_CONFIG=v2.yml") == "SCRIPT_CONFIG=v2.yml")
        #expect(SecretMask.maskEnvironmentEntry("HEADLESS_MODE=true") == "HEADLESS_MODE=true")
    }

    @Test func masksByNamePatternAndURLCredentials() {
        for name in [
            "MY_CONFIG_PASS", "PASS", "db_secret", "GITHUB_TOKEN", "binance_api_key", "SSH_KEYFILE", "AWS_CREDENTIALS",
            "PRIVATE_PEM",
        ] {
            #expect(SecretMask.maskEnvironmentEntry("\(name)=hunter2") == "\(name)=••••", "\(name)")
        }
        #expect(
            SecretMask.maskEnvironmentEntry("DATABASE_URL=postgres://u:p4ss@h:5432/db")
                == "DATABASE_URL=postgres://u:••••@h:5432/db")
        #expect(
            SecretMask.maskEnvironmentEntry("X=see https://a:b@one and mqtt://c:d@two/x")
                == "X=see https://a:••••@one and mqtt://c:••••@two/x")
        #expect(
            SecretMask.maskEnvironmentEntry("HOME_URL=https://example.org/a@b") == "HOME_URL=https://example.org/a@b")
        #expect(
            SecretMask.maskLabels(["api.token": "t", "backup": "s3://k:s@bucket", "role": "bot"])
                == ["api.token": "••••", "backup": "s3://k:••••@bucket", "role": "bot"])
    }

    @Test func namesThatFailValidationPrintOnOneLine() {
        #expect(throws: InstanceName.Problem.self) { try InstanceName(validating: "bad\nname") }
        #expect(InstanceName.shown("bad\nname\u{1B}[2J") == "bad\\nname\\u{1B}[2J")
    }
}

@Suite struct TerminalSafeTextTests {
    @Test func controlCharactersAreShownNotObeyed() {
        #expect(
            TerminalSafeText.sanitize("\u{1B}]0;pwned\u{07}title\u{1B}[2J ok\tgo\r\nnext\n")
                == "^[]0;pwned^Gtitle^[[2J ok\tgo\nnext\n")
        #expect(TerminalSafeText.sanitize("a\u{9B}31mb\u{7F}") == "a^[?31mb^?")
        #expect(TerminalSafeText.sanitize("plain ünïcode ✓") == "plain ünïcode ✓")
    }
}

@Suite struct FormattingTests {
    @Test func formatsLikeDockerStats() {
        #expect(Formatting.bytes(24_412_160) == "23.3MiB")
        #expect(Formatting.bytes(812) == "812B")
        #expect(Formatting.bytes(nil) == "—")
        #expect(Formatting.duration(seconds: 273_600) == "3d04h")
        #expect(Formatting.duration(seconds: 65) == "1m05s")
        #expect(Formatting.percent(nil) == "—")
    }
}

@Suite struct TimestampTests {
    @Test func readsTheEnginesAndHummingbotsForms() {
        #expect(
            Timestamp.parse("2026-11-25T17:22:41.596926513Z", utc: true).map {
                abs($0 - 1_795_627_361.596926513) < 1e-6
            } == true)
        #expect(Timestamp.parse("2026-11-25T17:22:41Z", utc: true) == 1_795_627_361)
        #expect(Timestamp.parse("1970-01-01 00:00:01,500", utc: true) == 1.5)
        #expect(Timestamp.parse("2026-11-25 17:22:41,596", utc: false) != nil)
        for bad in ["", "yesterday", "2026-11-25", "2026-11-25T17:22:41.5Zx", "2026/11/25 17:22:41"] {
            #expect(Timestamp.parse(bad, utc: true) == nil, "\(bad)")
        }
    }
}

@Suite struct HelperContainerTests {
    @Test func hbdecksOwnHelperContainersAreNeverListedAsBots() {
        #expect(
            !BotClassifier.isBot(image: "hummingbot/hummingbot:latest", labels: [HBLabels.role: HBLabels.helperRole]))
        #expect(BotClassifier.isBot(image: "hummingbot/hummingbot:latest", labels: [:]))
        #expect(BotClassifier.isBot(image: "busybox", labels: [:], command: "hbot start a.yml --foreground"))
    }
}

/// The engine's restart policy in the state rule.
@Suite struct RestartLimitTests {
    @Test func aBotTheEngineGaveUpOnSaysSo() {
        let gaveUp = InstanceStateRule.derive(
            ContainerCondition(status: "exited", exitCode: 1, restartCount: 3, restartLimit: 3),
            lastErrorLine: "RuntimeError: boom")
        #expect(gaveUp.0 == .error)
        #expect(gaveUp.1 == "gave up after 3 restarts (on-failure:3) · exited with code 1 · last: RuntimeError: boom")
        let stillTrying = InstanceStateRule.derive(
            ContainerCondition(status: "exited", exitCode: 1, restartCount: 1, restartLimit: 3))
        #expect(stillTrying.1 == "exited with code 1")
        let noPolicy = InstanceStateRule.derive(ContainerCondition(status: "exited", exitCode: 1, restartCount: 0))
        #expect(noPolicy.1 == "exited with code 1")
    }

    @Test func memoryNearItsLimitAndLongRunsAreFlagged() {
        var instance = InstanceSnapshot(name: "a", state: .running)
        instance.resources = ResourceFigures(cpuPercent: 1, memoryUsed: 950 << 20, memoryLimit: 1 << 30)
        #expect(instance.memoryNearLimit)
        instance.resources = ResourceFigures(cpuPercent: 1, memoryUsed: 500 << 20, memoryLimit: 1 << 30)
        #expect(!instance.memoryNearLimit)
        instance.resources = ResourceFigures(cpuPercent: 1, memoryUsed: 500 << 20)
        #expect(!instance.memoryNearLimit, "no limit, nothing to be near")
    }
}

/// What makes the console draw a new snapshot at once rather than at its paced frame.
struct SnapshotStatesTests {
    func fleet(_ rows: [InstanceSnapshot]) -> FleetSnapshot {
        FleetSnapshot(
            takenAt: 0, endpoint: "unix:///run/docker.sock", engine: .live, instances: rows,
            broker: BrokerSnapshot(containerName: "hummingbot-broker", address: "localhost:1883"))
    }

    @Test func figuresAloneWaitAndAStateOrARowDoesNot() {
        var running = InstanceSnapshot(name: "bot_a", state: .running, reason: nil)
        let before = fleet([running])
        running.resources.cpuPercent = 12
        running.pnl = 3.5
        #expect(!fleet([running]).statesDiffer(from: before), "figures only")
        var stopped = running
        stopped.state = .stopped
        #expect(fleet([stopped]).statesDiffer(from: before))
        var unresponsive = running
        unresponsive.health = .unresponsive
        #expect(fleet([unresponsive]).statesDiffer(from: before))
        #expect(
            fleet([running, InstanceSnapshot(name: "bot_b", state: .created, reason: nil)]).statesDiffer(from: before))
        var offline = before
        offline.engine = .offline(reason: "gone", lastGood: nil)
        #expect(offline.statesDiffer(from: before))
    }
}
