import ArgumentParser
import Deploy

/// Where Hummingbot's bots folder is: `--bots-folder`, else `bots_folder` in hbdeck's config file.
struct BotsFolderOptions: ParsableArguments {
    @Option(help: "Hummingbot's bots folder (default: bots_folder in the config file).") var botsFolder: String?
    @Option(help: "hbdeck's config file (default: ~/.config/hbdeck/config.yml).") var configFile: String?

    /// The config file's settings and the bots folder they and the flags name.
    func resolve() throws -> (BotsFolder, ConsoleSettings) {
        let (folder, settings) = try resolveIfConfigured()
        guard let folder else {
            throw CommandFailure("no bots folder: give --bots-folder or set bots_folder in \(configFile ?? ConsoleSettings.defaultPath)")
        }
        return (folder, settings)
    }

    /// As `resolve`, with no folder when none is configured.
    func resolveIfConfigured() throws -> (BotsFolder?, ConsoleSettings) {
        let settings = try ConsoleSettings.load(path: configFile ?? ConsoleSettings.defaultPath, required: configFile != nil)
        guard let path = botsFolder ?? settings.botsFolder else { return (nil, settings) }
        let folder = BotsFolder(path)
        guard folder.exists else { throw CommandFailure("no bots folder at \(folder.root.path)") }
        return (folder, settings)
    }
}
