import HBModel

/// The create dialog's fields as the operator fills them in: text fields typed into, choice fields cycled
/// with ← →, the password shown as dots. Checked here for what needs no I/O; the deploy checks the rest and
/// its problems come back to the field they concern.
public struct CreateForm: Sendable, Equatable, CustomStringConvertible {
    public enum Field: Int, CaseIterable, Sendable {
        case name, image, engine, network, profile, script, cpus, memory, password, start

        public var label: String {
            switch self {
            case .name: return "Name"
            case .image: return "Image"
            case .engine: return "Runs with"
            case .network: return "Network"
            case .profile: return "Profile"
            case .script: return "Script config"
            case .cpus: return "CPU limit"
            case .memory: return "Memory limit"
            case .password: return "Password"
            case .start: return "Start now"
            }
        }

        var isChoice: Bool {
            self == .image || self == .engine || self == .network || self == .profile || self == .script
        }
    }

    public var name = ""
    public var image: String
    public var imageChoices: [String]
    public var profile: String
    public var profileChoices: [String]
    public var script: String
    public var scriptChoices: [String]
    public var cpus = ""
    public var memory = ""
    public var password = ""
    public var start = true
    /// `quickstart` (the image's command, controlled over MQTT) or `hbot` (the client's CLI).
    public var engine = BotEngine.quickstart
    /// Host networking as Hummingbot's own compose runs bots, or a network of the bot's own (`isolated`).
    public var isolated = true
    public var focus: Field = .name
    public var errors: [Field: String] = [:]
    /// Set while the deploy runs: keys wait, the dialog says so.
    public var busy = false

    public init(images: [String], profiles: [String], scripts: [String]) {
        imageChoices = images.isEmpty ? ["hummingbot/hummingbot:latest"] : images
        image = imageChoices[0]
        profileChoices = profiles
        profile = profiles.contains("master_account") ? "master_account" : profiles.first ?? ""
        scriptChoices = scripts
        script = scripts.first ?? ""
    }

    /// The password never prints.
    public var description: String { "create form for \(name.isEmpty ? "a new bot" : name)" }

    /// The text shown for a field: the password as dots, never its characters.
    public func shown(_ field: Field) -> String {
        switch field {
        case .name: return name
        case .image: return image
        case .engine: return engine == .hbot ? "hbot (graceful stops, no broker needed)" : "quickstart (over MQTT)"
        case .network: return isolated ? "isolated (own network, broker only)" : "host (as Hummingbot's compose)"
        case .profile: return profile.isEmpty ? "(none in credentials/)" : profile
        case .script: return script.isEmpty ? "(none in conf/scripts/)" : script
        case .cpus: return cpus.isEmpty ? "none" : cpus
        case .memory: return memory.isEmpty ? "none" : memory
        case .password: return String(repeating: "•", count: min(password.count, 24))
        case .start: return start ? "yes" : "no"
        }
    }

    /// The choices a field cycles through, if it has any.
    public func choices(_ field: Field) -> [String] {
        switch field {
        case .image: return imageChoices
        case .engine: return [BotEngine.quickstart, .hbot].map { shownEngine($0) }
        case .network:
            return [false, true].map {
                var copy = self
                copy.isolated = $0
                return copy.shown(.network)
            }
        case .profile: return profileChoices
        case .script: return scriptChoices
        default: return []
        }
    }

    private func shownEngine(_ engine: BotEngine) -> String {
        var copy = self
        copy.engine = engine
        return copy.shown(.engine)
    }

    public mutating func type(_ c: Character) {
        guard !c.isNewline, c.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else { return }
        switch focus {
        case .name where name.count < InstanceName.maxLength: name.append(c)
        case .image where image.count < 200: image.append(c)
        case .cpus where cpus.count < 8: cpus.append(c)
        case .memory where memory.count < 12: memory.append(c)
        case .password where password.count < 256: password.append(c)
        case .start where c == " " || c == "y" || c == "n": start = c == " " ? !start : c == "y"
        default: break
        }
        errors[focus] = nil
    }

    public mutating func backspace() {
        switch focus {
        case .name: if !name.isEmpty { name.removeLast() }
        case .image: if !image.isEmpty { image.removeLast() }
        case .cpus: if !cpus.isEmpty { cpus.removeLast() }
        case .memory: if !memory.isEmpty { memory.removeLast() }
        case .password: if !password.isEmpty { password.removeLast() }
        default: break
        }
        errors[focus] = nil
    }

    /// ← → on a choice field: the previous or next choice.
    public mutating func cycle(by step: Int) {
        if focus == .start {
            start.toggle()
            return
        }
        if focus == .engine {
            engine = engine == .hbot ? .quickstart : .hbot
            errors[focus] = nil
            return
        }
        if focus == .network {
            isolated.toggle()
            errors[focus] = nil
            return
        }
        let list = choices(focus)
        guard !list.isEmpty else { return }
        let current = list.firstIndex(of: shown(focus)) ?? -1
        let next = list[((current + step) % list.count + list.count) % list.count]
        switch focus {
        case .image: image = next
        case .profile: profile = next
        case .script: script = next
        default: break
        }
        errors[focus] = nil
    }

    public mutating func moveFocus(by step: Int) {
        let all = Field.allCases
        focus = all[((focus.rawValue + step) % all.count + all.count) % all.count]
    }

    /// The problems the form can find on its own, by field; `taken` are the names already in use.
    public func problems(taken: Set<String>) -> [Field: String] {
        var found: [Field: String] = [:]
        do {
            let valid = try InstanceName(validating: name)
            if taken.contains(valid.value) { found[.name] = "\(name) is already an instance" }
        } catch {
            found[.name] = error.description
        }
        if image.trimmingCharacters(in: .whitespaces).isEmpty { found[.image] = "an image is needed" }
        if profile.isEmpty { found[.profile] = "no profile in credentials/: create one with hbdeck profile create" }
        if script.isEmpty { found[.script] = "no script config in conf/scripts/: upload one with hbdeck upload" }
        if !cpus.isEmpty, Double(cpus).map({ !($0 > 0 && $0 <= 256) }) ?? true {
            found[.cpus] = "a number of cores, such as 0.5"
        }
        if !memory.isEmpty, MemorySize.bytes(memory) == nil { found[.memory] = "a size such as 512m or 2g" }
        if password.isEmpty { found[.password] = "the profile's password is needed" }
        return found
    }

    public var request: CreateRequest {
        CreateRequest(
            name: name, image: image.trimmingCharacters(in: .whitespaces), profile: profile, script: script,
            cpus: Double(cpus), memoryBytes: MemorySize.bytes(memory), password: password, start: start, engine: engine,
            network: isolated ? "isolated" : "host")
    }
}

/// A create the operator asked for in the dialog, checked as far as the form can.
public struct CreateRequest: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public let image: String
    public let profile: String
    public let script: String
    public let cpus: Double?
    public let memoryBytes: Int64?
    public let password: String
    public let start: Bool
    public var engine: BotEngine = .quickstart
    /// `host` or `isolated`.
    public var network = "host"

    /// The password never prints.
    public var description: String { "create \(name) from \(script) on \(image) with profile \(profile)" }
}
