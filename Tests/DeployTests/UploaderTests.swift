import Deploy
import Foundation
import Testing

/// Uploads, versions and rollbacks on a bots folder in /tmp, with the host's python3 and git.
struct UploaderTests {
    func source(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = URL(
            fileURLWithPath: NSTemporaryDirectory() + "hbdeck-upload-\(UInt32.random(in: 0...UInt32.max))-\(name)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func aReplacedFileRolledBackHasItsExactBytesAgain() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let uploader = Uploader(folder: fixture.folder)
        // CRLF, a tab, trailing spaces and no final newline: bytes a text round trip would change.
        let first: [UInt8] = Array("id: grid_2\r\ncontroller_name: grid_strike   \r\n# a\ttab\r\nnote: 'x'".utf8)
        let second: [UInt8] = Array("id: grid_2\ncontroller_name: pmm_simple\n".utf8)
        #expect(
            try uploader.upload(try source("a.yml", first), as: "grid_2.yml", kind: .controllerConfig, replacing: false)
                == .added("conf/controllers/grid_2.yml"))
        #expect(throws: DeployProblem.self) {
            try uploader.upload(
                try source("b.yml", second), as: "grid_2.yml", kind: .controllerConfig, replacing: false)
        }
        #expect(
            try uploader.upload(try source("b.yml", second), as: "grid_2.yml", kind: .controllerConfig, replacing: true)
                == .replaced("conf/controllers/grid_2.yml"))
        #expect(
            try uploader.upload(try source("b.yml", second), as: "grid_2.yml", kind: .controllerConfig, replacing: true)
                == .unchanged("conf/controllers/grid_2.yml"))

        let store = VersionStore(folder: fixture.folder)
        let versions = try store.versions(of: "conf/controllers/grid_2.yml")
        #expect(versions.map(\.size) == [second.count, first.count])
        #expect(versions.allSatisfy { $0.author == VersionStore.author })
        #expect(
            try store.diff("conf/controllers/grid_2.yml", from: versions[1].id, to: versions[0].id).contains(
                "+controller_name: pmm_simple"))
        try store.rollback("conf/controllers/grid_2.yml", to: versions[1].id)
        #expect(try Data(contentsOf: fixture.root.appendingPathComponent("conf/controllers/grid_2.yml")) == Data(first))
        #expect(
            try store.versions(of: "conf/controllers/grid_2.yml").first?.message == "rolled back to \(versions[1].id)")
    }

    /// One rule for the CLI and the console: only other bytes over an existing file need the operator's say.
    @Test func consentIsNeededOnlyToReplaceOtherContent() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let uploader = Uploader(folder: fixture.folder)
        let first = try source("a.yml", Array("id: grid_3\n".utf8))
        #expect(try uploader.replaces(first, as: "grid_3.yml", kind: .controllerConfig) == nil, "nothing there yet")
        _ = try uploader.upload(first, as: "grid_3.yml", kind: .controllerConfig, replacing: false)
        #expect(
            try uploader.replaces(
                try source("same.yml", Array("id: grid_3\n".utf8)), as: "grid_3.yml", kind: .controllerConfig) == nil)
        let other = try source("b.yml", Array("id: grid_3\ntotal_amount_quote: 20\n".utf8))
        #expect(
            try uploader.replaces(other, as: "grid_3.yml", kind: .controllerConfig) == "conf/controllers/grid_3.yml")
    }

    @Test func aFileFoundInTheFolderIsKeptBeforeItIsFirstReplaced() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let original = try fixture.read("conf/scripts/pmm.yml")
        _ = try Uploader(folder: fixture.folder).upload(
            try source("pmm.yml", Array("a: 1\n".utf8)), as: "pmm.yml", kind: .scriptConfig, replacing: true)
        let versions = try VersionStore(folder: fixture.folder).versions(of: "conf/scripts/pmm.yml")
        #expect(versions.map(\.message).last == "as found before hbdeck changed it")
        #expect(
            String(
                decoding: try VersionStore(folder: fixture.folder).content(
                    of: "conf/scripts/pmm.yml", at: versions[1].id), as: UTF8.self) == original)
    }

    @Test(arguments: [
        ("../escape.yml", Uploader.Kind.scriptConfig, "is not a plain file name"),
        ("/etc/passwd.yml", .scriptConfig, "is not a plain file name"),
        ("x.py", .scriptConfig, "a config must end in .yml"),
        ("x.yml", .script, "a script or controller must end in .py"),
        ("x.py", .controller(type: ".."), "is not a controller type"),
    ])
    func namesThatLeaveTheirFolderAreRefusedAndNothingChanges(name: String, kind: Uploader.Kind, reason: String) throws
    {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let before = fixture.listing()
        let problem = #expect(throws: DeployProblem.self) {
            try Uploader(folder: fixture.folder).upload(
                try source("x", Array("a: 1\n".utf8)), as: name, kind: kind, replacing: true)
        }
        #expect(problem?.message.contains(reason) == true, "\(problem?.message ?? "")")
        #expect(fixture.listing() == before)
    }

    @Test func aSymbolicLinkOnTheWayIsRefused() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(
            at: fixture.root.appendingPathComponent("controllers"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: fixture.root.appendingPathComponent("controllers/evil").path, withDestinationPath: "/tmp")
        let before = fixture.listing()
        let problem = #expect(throws: DeployProblem.self) {
            try Uploader(folder: fixture.folder).upload(
                try source("c.py", Array("x = 1\n".utf8)), as: "c.py", kind: .controller(type: "evil"), replacing: true)
        }
        #expect(problem?.message.contains("symbolic link") == true)
        #expect(fixture.listing() == before)
    }

    @Test func pythonThatDoesNotCompileAndYAMLThatDoesNotParseAreRefused() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let before = fixture.listing()
        let uploader = Uploader(folder: fixture.folder)
        let python = #expect(throws: DeployProblem.self) {
            try uploader.upload(
                try source("s.py", Array("def f(:\n    pass\n".utf8)), as: "s.py", kind: .script, replacing: false)
        }
        #expect(python?.message.contains("s.py does not compile: SyntaxError") == true, "\(python?.message ?? "")")
        #expect(python?.message.contains("line 1") == true, "\(python?.message ?? "")")
        let yaml = #expect(throws: DeployProblem.self) {
            try uploader.upload(
                try source("c.yml", Array("a: [1\n".utf8)), as: "c.yml", kind: .scriptConfig, replacing: false)
        }
        #expect(yaml?.message.contains("c.yml is not valid YAML") == true)
        #expect(fixture.listing() == before)
        #expect(
            try uploader.upload(
                try source("s.py", Array("def f():\n    pass\n".utf8)), as: "s.py", kind: .script, replacing: false)
                == .added("scripts/s.py"))
    }
}
