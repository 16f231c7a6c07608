import Foundation
import HBModel

/// Takes a strategy or config file from anywhere on disk into the folder of the bots folder its kind belongs
/// to, after checking it: YAML must parse to a mapping, Python must compile. Names that would leave that
/// folder are refused; a file replaced keeps its old content as a version.
public struct Uploader: Sendable {
    public enum Kind: Sendable, Equatable {
        /// `scripts/NAME.py`
        case script
        /// `controllers/TYPE/NAME.py`
        case controller(type: String)
        /// `conf/scripts/NAME.yml`
        case scriptConfig
        /// `conf/controllers/NAME.yml`
        case controllerConfig

        /// The kind a file's extension says, for a controller when `controllerType` is given.
        public static func infer(fileName: String, controllerType: String?) -> Kind? {
            if fileName.hasSuffix(".py") { return controllerType.map { .controller(type: $0) } ?? .script }
            if fileName.hasSuffix(".yml") || fileName.hasSuffix(".yaml") {
                return controllerType == nil ? .scriptConfig : .controllerConfig
            }
            return nil
        }

        var folder: String {
            switch self {
            case .script: return "scripts"
            case .controller(let type): return "controllers/\(type)"
            case .scriptConfig: return "conf/scripts"
            case .controllerConfig: return "conf/controllers"
            }
        }

        var isPython: Bool {
            switch self {
            case .script, .controller: return true
            case .scriptConfig, .controllerConfig: return false
            }
        }
    }

    public enum Outcome: Sendable, Equatable {
        case added(String)
        case replaced(String)
        case unchanged(String)

        /// The outcome in words, the same on stdout and in the console's footer.
        public var said: String {
            switch self {
            case .added(let path): return "uploaded \(path)"
            case .replaced(let path): return "replaced \(path); the old content is a version (hbdeck versions \(path))"
            case .unchanged(let path): return "\(path) already has this content: nothing changed"
            }
        }
    }

    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    /// Where a file of `kind` named `name` goes, relative to the bots folder, once the name is checked.
    public func destination(of name: String, kind: Kind) throws(DeployProblem) -> String {
        guard InstanceFolderBuilder.isPlainFileName(name), !name.contains("\\") else {
            throw DeployProblem(.strategy, "\(name) is not a plain file name: no folders, no .., no leading dot")
        }
        if case .controller(let type) = kind, !InstanceFolderBuilder.isPlainFileName(type) {
            throw DeployProblem(.strategy, "\(type) is not a controller type (such as market_making)")
        }
        guard Kind.infer(fileName: name, controllerType: nil).map({ $0.isPython == kind.isPython }) == true else {
            throw DeployProblem(
                .strategy,
                "\(name): a \(kind.isPython ? "script or controller must end in .py" : "config must end in .yml")")
        }
        let relative = "\(kind.folder)/\(name)"
        // Nothing on the way may be a link that leads out of the bots folder.
        let root = folder.root.resolvingSymlinksInPath().path
        var current = folder.root
        for part in relative.split(separator: "/") {
            current.appendPathComponent(String(part))
            if let type = try? FileManager.default.attributesOfItem(atPath: current.path)[.type] as? FileAttributeType,
                type == .typeSymbolicLink
            {
                throw DeployProblem(.strategy, "\(relative) goes through a symbolic link; refused")
            }
        }
        guard current.resolvingSymlinksInPath().path.hasPrefix(root + "/") else {
            throw DeployProblem(.strategy, "\(relative) is outside the bots folder; refused")
        }
        return relative
    }

    /// Checks the file's content for its kind: the reason it cannot be used, or nil.
    public static func problem(in data: Data, name: String, kind: Kind) -> String? {
        if kind.isPython {
            let check = "import sys; compile(sys.stdin.buffer.read(), sys.argv[1], 'exec')"
            guard let run = try? ToolRun.run("python3", ["-c", check, name], input: data) else {
                return "python3 is needed to check Python files and was not found"
            }
            guard run.status == 0 else {
                let lines = run.errors.split(separator: "\n").map(String.init)
                let syntax = lines.last { $0.contains("Error") } ?? "does not compile"
                let place = lines.last { $0.contains("File \"\(name)\"") }?.trimmingCharacters(in: .whitespaces) ?? ""
                return "\(name) does not compile: \(syntax)\(place.isEmpty ? "" : " (\(place))")"
            }
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else { return "\(name) is not UTF-8 text" }
        do {
            guard try BoundedYAML.load(text) is [String: Any] else {
                return "\(name) is not a YAML mapping of settings"
            }
        } catch let refusal as BoundedYAML.Refusal {
            return "\(name): \(refusal)"
        } catch {
            return "\(name) is not valid YAML: \(InstanceFolderBuilder.firstLine(of: error))"
        }
        return nil
    }

    /// Where uploading `source` as `name` would replace a file with other content, that file's path in the
    /// bots folder: the operator is asked first (the same rule for the CLI and the console). Nil: nothing is
    /// there, or the same bytes are, and the upload needs no consent.
    public func replaces(_ source: URL, as name: String, kind: Kind) throws -> String? {
        let relative = try destination(of: name, kind: kind)
        guard let existing = try VersionStore(folder: folder).read(relative) else { return nil }
        return existing == FileManager.default.contents(atPath: source.path) ? nil : relative
    }

    /// Uploads `source` as `name`. An existing file of that name is replaced only when `replacing`; its old
    /// content stays as a version.
    public func upload(
        _ source: URL, as name: String, kind: Kind, replacing: Bool, author: String = VersionStore.author
    ) throws -> Outcome {
        let relative = try destination(of: name, kind: kind)
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw DeployProblem(.strategy, "cannot read \(source.path)")
        }
        guard data.count <= 16 << 20 else { throw DeployProblem(.strategy, "\(source.path) is larger than 16 MB") }
        if let problem = Self.problem(in: data, name: name, kind: kind) { throw DeployProblem(.strategy, problem) }
        var outcome = Outcome.unchanged(relative)
        try VersionStore(folder: folder).update(relative, message: "uploaded from \(source.path)", author: author) {
            existing in
            guard existing != data else { return data }
            if existing != nil, !replacing {
                throw DeployProblem(
                    .strategy, "\(relative) exists; replace it explicitly (its content is kept as a version)")
            }
            outcome = existing == nil ? .added(relative) : .replaced(relative)
            return data
        }
        return outcome
    }
}
