import Deploy
import Testing

/// What the console's values form is filled with: the settings of an instance's config files, in order.
struct ConfigFieldsTests {
    @Test func settingsComeInTheFilesOrderWithBlocksOneLevelDeep() throws {
        let text = """
            id: grid_1
            total_amount_quote: '100'
            buy_spreads:
            - 0.01
            - 0.02
            triple_barrier_config:
              stop_loss: '0.03'
              trailing_stop: {activation_price: 0.01}
            candles_config: ~
            manual_kill_switch: false

            """
        let fields = try #require(ConfigFields.read(text))
        #expect(
            fields.map(\.key) == [
                "id", "total_amount_quote", "buy_spreads", "triple_barrier_config.stop_loss",
                "triple_barrier_config.trailing_stop",
                "candles_config", "manual_kill_switch",
            ])
        #expect(fields.map(\.value) == ["grid_1", "100", "[2 items]", "0.03", "{…}", "", "false"])
        #expect(fields.map(\.editable) == [true, true, false, true, false, true, true])
        #expect(ConfigFields.read("- a\n- b\n") == nil, "a list is not a config")
        #expect(ConfigFields.read("key: [unclosed\n") == nil)
    }

    @Test func anInstanceRunsItsScriptConfigAndTheControllerConfigsItLists() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        try fixture.write(
            "instances/bot_1/conf/scripts/pmm.yml",
            "script_file_name: v2_with_controllers.py\ncontrollers_config:\n  - grid_1.yml\n  - gone.yml\n  - ../../x.yml\n"
        )
        try fixture.write("instances/bot_1/conf/controllers/grid_1.yml", "id: grid_1\n")
        let files = InstanceConfigFiles(folder: fixture.folder)
        #expect(
            files.all(of: "bot_1", strategy: "pmm.yml") == [
                "instances/bot_1/conf/scripts/pmm.yml", "instances/bot_1/conf/controllers/grid_1.yml",
            ], "a listed file that is missing or outside the folder is left out")
        #expect(files.main(of: "bot_1", strategy: "../pmm.yml") == nil)
        #expect(files.main(of: "../bot_1", strategy: "pmm.yml") == nil)
        #expect(files.all(of: "bot_2", strategy: "pmm.yml").isEmpty)
    }

    @Test func aCheckSavesNothingAndRefusesWhatASaveWould() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let before = fixture.listing()
        let form = ConfigForm(folder: fixture.folder)
        try form.check([("controller_name", "pmm_simple")], in: "conf/controllers/grid_1.yml")
        #expect(fixture.listing() == before)
        #expect(throws: DeployProblem.self) {
            try form.check([("controllers_config", "x")], in: "conf/scripts/pmm.yml")
        }
        #expect(throws: DeployProblem.self) { try form.check([("a.b.c", "1")], in: "conf/controllers/grid_1.yml") }
        #expect(fixture.listing() == before)
    }

    /// A form over several files saves all of them or none: a change one file refuses leaves the others too.
    @Test func aFormOverSeveralFilesSavesAllOrNothing() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let form = ConfigForm(folder: fixture.folder)
        let grid = try fixture.read("conf/controllers/grid_1.yml")
        let script = try fixture.read("conf/scripts/pmm.yml")
        let shownName = try #require(ConfigFields.read(grid)?.first { $0.key == "controller_name" }?.value)
        let good = ConfigForm.Change(
            file: "conf/controllers/grid_1.yml", key: "controller_name", value: "pmm_simple", shown: shownName)
        let refused = ConfigForm.Change(file: "conf/scripts/pmm.yml", key: "controllers_config", value: "x", shown: "")
        #expect(throws: DeployProblem.self) { try form.save([good, refused]) }
        #expect(try fixture.read("conf/controllers/grid_1.yml") == grid, "nothing saved when one file refuses")
        #expect(try fixture.read("conf/scripts/pmm.yml") == script)
        let saved = try form.save([good])
        #expect(saved == ["grid_1.yml: controller_name=pmm_simple"], "\(saved)")
        #expect(try fixture.read("conf/controllers/grid_1.yml").contains("controller_name: pmm_simple"))
    }
}
