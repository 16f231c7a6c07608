import Docker
import HBModel

/// The container of a new bot, as Hummingbot's API makes it (mounts, env, host networking, json-file logs
/// 10 MB × 5, a terminal), plus hbdeck's labels and the limits asked for.
public enum BotContainerSpec {
    public static let home = "/home/hummingbot"

    public static func make(_ request: DeployRequest, instanceFolder: String, folder: BotsFolder, password: Secret)
        -> ContainerSpec
    {
        var env = ["CONFIG_PASSWORD=\(password.value)", "HEADLESS_MODE=true"]
        var command: [String]?
        switch (request.engine, request.strategy) {
        case (.hbot, _):
            // The client's own CLI as the container's main process: the bot is PID 1 and stops gracefully.
            env = ["HBOT_PASSWORD=\(password.value)"]
            command = ImageCommand.wrapping(["hbot", "start", request.strategy.fileName, "--foreground"])
        case (.quickstart, .scriptConfig(let name)): env.append("SCRIPT_CONFIG=\(name)")
        case (.quickstart, .strategyConfig(let name)): env.append("CONFIG_FILE_NAME=\(name)")
        case (.quickstart, .controllerConfig): break  // refused by the deploy's checks
        }
        let binds = [
            "\(instanceFolder)/conf:\(home)/conf",
            "\(instanceFolder)/conf/connectors:\(home)/conf/connectors",
            "\(instanceFolder)/conf/scripts:\(home)/conf/scripts",
            "\(instanceFolder)/conf/controllers:\(home)/conf/controllers",
            "\(instanceFolder)/data:\(home)/data",
            "\(instanceFolder)/logs:\(home)/logs",
            "\(folder.scripts.path):\(home)/scripts",
            "\(folder.controllers.path):\(home)/controllers",
        ]
        let host = ContainerSpec.HostConfig(
            binds: binds, networkMode: request.network,
            restartPolicy: request.restartRetries.flatMap { $0 > 0 ? .onFailure(maxRetries: $0) : nil },
            memory: request.memoryBytes, nanoCpus: request.cpus.map { Int64(($0 * 1e9).rounded()) },
            pidsLimit: request.pidsLimit,
            logConfig: .hummingbotDefault)
        var labels = [HBLabels.role: HBLabels.botRole, HBLabels.instance: request.name.value]
        if !request.profile.isEmpty { labels[HBLabels.profile] = request.profile }
        return ContainerSpec(
            image: request.image, cmd: command, env: env, labels: labels,
            tty: true, openStdin: true, hostConfig: host)
    }
}
