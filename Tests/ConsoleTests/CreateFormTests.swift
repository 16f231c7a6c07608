import Canvas
import HBModel
import Testing

@testable import Console

/// The create dialog: typing, choosing, what it refuses on its own, and what a deploy's problem does to it.
@Suite struct CreateFormTests {
    var snapshot: FleetSnapshot {
        var snapshot = FleetFixture.snapshot
        snapshot.botsFolder = "/srv/bots"
        return snapshot
    }

    func opened() -> ConsoleController {
        var controller = ConsoleController()
        #expect(controller.handle(.character("c"), snapshot: snapshot, logLines: []) == [.openCreateForm])
        controller.showCreateForm(
            CreateForm(
                images: ["hummingbot/hummingbot:latest", "hummingbot/hummingbot:version-2.9"],
                profiles: ["desk", "master_account"],
                scripts: ["grid.yml", "pmm.yml"]))
        return controller
    }

    var form: (ConsoleController) -> CreateForm? {
        { if case .create(let form)? = $0.state.overlay { return form } else { return nil } }
    }

    @Test func aFilledInFormAsksForTheDeployOnce() throws {
        var controller = opened()
        for key: Key in [
            .character("m"), .character("m"), .tab, .right, .tab, .right, .tab, .right, .tab, .tab, .left, .tab,
            .character("1"), .tab, .character("2"), .character("g"),
            .tab, .character("p"), .character("w"), .tab, .character("n"),
        ] {
            _ = controller.handle(key, snapshot: snapshot, logLines: [])
        }
        let filled = try #require(form(controller))
        #expect(filled.profile == "master_account", "the default profile")
        #expect(filled.shown(.password) == "••")
        #expect(!String(describing: filled).contains("pw") && !String(describing: filled.request).contains("pw"))
        let commands = controller.handle(.enter, snapshot: snapshot, logLines: [])
        #expect(
            commands == [
                .create(
                    CreateRequest(
                        name: "mm", image: "hummingbot/hummingbot:version-2.9", profile: "master_account",
                        script: "pmm.yml",
                        cpus: 1, memoryBytes: 2 << 30, password: "pw", start: false, engine: .hbot, network: "host"))
            ])
        #expect(form(controller)?.busy == true)
        #expect(controller.handle(.enter, snapshot: snapshot, logLines: []).isEmpty, "keys wait while it deploys")

        controller.createFinished(problem: (.password, "Invalid password."))
        #expect(form(controller)?.errors[.password] == "Invalid password.")
        #expect(form(controller)?.focus == .password)
        #expect(form(controller)?.busy == false)
        controller.createFinished(problem: nil)
        #expect(controller.state.overlay == nil)
    }

    @Test func whatTheFormCanTellIsRefusedAtItsField() throws {
        var controller = opened()
        for c in "btc_mm_binance_01" { _ = controller.handle(.character(c), snapshot: snapshot, logLines: []) }
        #expect(controller.handle(.enter, snapshot: snapshot, logLines: []).isEmpty)
        let refused = try #require(form(controller))
        #expect(refused.errors[.name] == "btc_mm_binance_01 is already an instance")
        #expect(refused.errors[.password] == "the profile's password is needed")
        #expect(refused.focus == .name)
        #expect(render(controller.state).text.contains("⚠ btc_mm_binance_01 is already an instance"))

        _ = controller.handle(.escape, snapshot: snapshot, logLines: [])
        #expect(controller.state.overlay == nil)
        #expect(controller.state.status == "create cancelled: nothing was done")
    }

    @Test func withoutABotsFolderThereIsNothingToCreateIn() {
        var controller = ConsoleController()
        #expect(controller.handle(.character("c"), snapshot: FleetFixture.snapshot, logLines: []).isEmpty)
        #expect(
            controller.state.status
                == "no bots folder is configured (bots_folder in the config file): bots are created in it")
    }

    @Test func theDialogLooksAsDesigned() throws {
        var controller = opened()
        for key: Key in [
            .character("b"), .character("a"), .character("d"), .character("."), .tab, .tab, .tab, .tab, .tab, .tab,
            .character("x"), .enter,
        ] {
            _ = controller.handle(key, snapshot: snapshot, logLines: [])
        }
        try Golden.check(render(controller.state, width: 100, height: 30).text, "create-form-100x30")
    }

    func render(_ state: ConsoleState, width: Int = 120, height: Int = 36) -> CellGrid {
        ScreenComposer.compose(
            snapshot, state: state, logLines: [], logStatus: .following, now: FleetFixture.now, width: width,
            height: height)
    }
}
