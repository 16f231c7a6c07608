import ArgumentParser
import Deploy

/// Where Hummingbot's bots folder is (`--bots-folder`, else `bots_folder` in hbdeck's config file), as
/// `FleetOptions` resolved it, and the config file named.
struct BotsFolderOptions {
    /// The config file's settings with the flags laid over them.
    var settings: ConsoleSettings
    var configFile: String?

    var botsFolder: String? { settings.botsFolder }

    /// The config file's settings and the bots folder they and the flags name.
    func resolve() throws -> (BotsFolder, ConsoleSettings) {
        let (folder, settings) = try resolveIfConfigured()
        guard let folder else {
            throw CommandFailure(
                "no bots folder: give --bots-folder or set bots_folder in \(configFile ?? ConsoleSettings.defaultPath)")
        }
        return (folder, settings)
    }

    /// As `resolve`, with no folder when none is configured.
    func resolveIfConfigured() throws -> (BotsFolder?, ConsoleSettings) {
        guard let path = settings.botsFolder else { return (nil, settings) }
        let folder = BotsFolder(path)
        guard folder.exists else { throw CommandFailure("no bots folder at \(folder.root.path)") }
        return (folder, settings)
    }
}
