import Docker
import Foundation
import HBModel

/// Creates and starts the broker container from a `BrokerPlan`; nothing is made when one of that name
/// exists. With a user set, anonymous clients are refused: mosquitto gets a password file written by the
/// image's own `mosquitto_passwd`, EMQX its built-in database seeded from a file only its container reads.
public struct BrokerMaker: Sendable {
    public let client: DockerClient

    public init(client: DockerClient) {
        self.client = client
    }

    public enum Outcome: Sendable, Equatable {
        case created(id: String)
        /// A container of that name exists; nothing was changed. Its state, as the engine says.
        case exists(state: String)
    }

    public func create(_ plan: BrokerPlan, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws
        -> Outcome
    {
        guard let flavor = plan.flavor else {
            throw DeployProblem(
                .image,
                "\(plan.image): hbdeck configures EMQX and mosquitto images (broker_image); create other brokers yourself"
            )
        }
        guard (1...65535).contains(plan.port) else {
            throw DeployProblem(.folder, "the broker port must be from 1 to 65535")
        }
        guard (plan.username == nil) == (plan.password == nil) else {
            throw DeployProblem(
                .password,
                "a broker user needs its password in HBDECK_MQTT_PASSWORD (and a password needs mqtt_username)")
        }
        if let found = try? await client.inspectContainer(plan.name) { return .exists(state: found.state.status) }
        if try await !client.hasImage(plan.image) {
            progress("pulling \(plan.image)…")
            try await client.pullImage(plan.image) { _ in }
        }
        try FileManager.default.createDirectory(
            at: plan.folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        progress("writing the broker's settings in \(plan.folder.path)…")
        let spec: ContainerSpec
        switch flavor {
        case .mosquitto: spec = try await mosquitto(plan)
        case .emqx: spec = try emqx(plan)
        }
        progress("creating \(plan.name)…")
        let id = try await client.createContainer(name: plan.name, spec: spec)
        // A broker made again goes back onto the isolated bots' networks, or they would lose it.
        let attached = try await BotNetwork(client: client).reattach(brokerContainer: plan.name)
        if !attached.isEmpty {
            progress(
                "attached \(plan.name) to \(attached.count) isolated bots' networks: \(attached.joined(separator: ", "))"
            )
        }
        progress("starting \(plan.name)…")
        do {
            try await client.startContainer(id)
        } catch {
            try? await client.removeContainer(id, force: true)
            throw error
        }
        return .created(id: id)
    }

    private func common(_ plan: BrokerPlan, inside: Int) -> ContainerSpec {
        var host = ContainerSpec.HostConfig(
            networkMode: plan.network, restartPolicy: .unlessStopped, logConfig: .hummingbotDefault)
        var spec = ContainerSpec(image: plan.image, labels: [HBLabels.role: HBLabels.brokerRole], hostConfig: host)
        if !plan.hostNetwork {
            spec.exposedPorts = ["\(inside)/tcp": [:]]
            host.portBindings = ["\(inside)/tcp": [.init(hostIP: plan.bind, hostPort: String(plan.port))]]
            spec.hostConfig = host
        }
        return spec
    }

    private func mosquitto(_ plan: BrokerPlan) async throws -> ContainerSpec {
        let inside = plan.hostNetwork ? plan.port : 1883
        // Its own folder, which the broker's user reads (hbdeck's folder around it is root's only): the config,
        // and with a login the password file (hashes only) and the ACL, changed as bots come and go.
        let config = BrokerUsers.configFolder(in: plan.folder)
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        chmod(config.path, 0o755)
        var conf =
            "# written by hbdeck broker create\nlistener \(inside)\(plan.hostNetwork ? " \(plan.bind)" : "")\npersistence false\n"
        if let username = plan.username, let password = plan.password {
            conf += "allow_anonymous false\npassword_file /mosquitto/config/passwd\nacl_file /mosquitto/config/acl\n"
            // hbdeck's user reads and sends everything; every other user is a bot, named as its instance, on its own topics.
            let acl =
                "# written by hbdeck broker create\npattern readwrite \(plan.namespace)/%u/#\n\nuser \(username)\ntopic readwrite #\n"
            try AtomicFile.write(Data(acl.utf8), to: config.appendingPathComponent("acl"), permissions: 0o644)
            // The image's own tool hashes the password (it reaches the throwaway container in its environment only);
            // the file is given to the broker's own user, which mosquitto runs as once started.
            let writer = ContainerSpec(
                image: plan.image,
                cmd: [
                    "sh", "-c",
                    #"mosquitto_passwd -b -c /hbdeck/passwd "$HBDECK_USER" "$HBDECK_PASS" && (chown mosquitto /hbdeck/passwd 2>/dev/null || true)"#,
                ],
                env: ["HBDECK_USER=\(username)", "HBDECK_PASS=\(password.value)"],
                labels: [HBLabels.role: HBLabels.helperRole],
                hostConfig: .init(binds: ["\(config.path):/hbdeck"], networkMode: "none"))
            let code = try await ImageProgram.runOnce(writer, client: client, timeout: 60)
            guard code == 0 else {
                throw DeployProblem(.password, "\(plan.image)'s mosquitto_passwd ended with exit code \(code)")
            }
        } else {
            conf += "allow_anonymous true\n"
        }
        try AtomicFile.write(Data(conf.utf8), to: config.appendingPathComponent("mosquitto.conf"), permissions: 0o644)
        var spec = common(plan, inside: inside)
        spec.cmd = ["mosquitto", "-c", "/mosquitto/config/mosquitto.conf"]
        spec.hostConfig?.binds = ["\(config.path):/mosquitto/config:ro"]
        if let health = plan.healthCommand {
            spec.healthcheck = .init(test: ["CMD-SHELL"] + [health.joined(separator: " ")])
        }
        return spec
    }

    private func emqx(_ plan: BrokerPlan) throws -> ContainerSpec {
        // As Hummingbot's compose file runs it (shared/notes/hummingbot-deploy.md), bound to `bind`.
        var env = [
            "EMQX_NAME=emqx", "EMQX_HOST=node1.emqx.local", "EMQX_CLUSTER__DISCOVERY_STRATEGY=static",
            "EMQX_CLUSTER__STATIC__SEEDS=[emqx@node1.emqx.local]",
            "EMQX_LOADED_PLUGINS=emqx_recon,emqx_retainer,emqx_management,emqx_dashboard",
        ]
        if plan.hostNetwork {
            env += [
                "EMQX_LISTENERS__TCP__DEFAULT__BIND=\(plan.bind):\(plan.port)",
                "EMQX_DASHBOARD__LISTENERS__HTTP__BIND=\(plan.bind):18083",
            ]
        }
        var binds = ["emqx-data:/opt/emqx/data", "emqx-log:/opt/emqx/log"]
        if let username = plan.username, let password = plan.password {
            // EMQX seeds its built-in user database from this file at start; anonymous clients are then refused.
            let users = plan.folder.appendingPathComponent("emqx-users.csv")
            try AtomicFile.write(
                Data("user_id,password,is_superuser\n\(username),\(password.value),false\n".utf8), to: users)
            // EMQX runs as its own user inside; the folder itself is the operator's only (0700).
            chmod(users.path, 0o644)
            binds.append("\(users.path):/opt/emqx/etc/hbdeck-users.csv:ro")
            env += [
                "EMQX_AUTHENTICATION__1__MECHANISM=password_based", "EMQX_AUTHENTICATION__1__BACKEND=built_in_database",
                "EMQX_AUTHENTICATION__1__USER_ID_TYPE=username",
                "EMQX_AUTHENTICATION__1__BOOTSTRAP_FILE=/opt/emqx/etc/hbdeck-users.csv",
                "EMQX_AUTHENTICATION__1__BOOTSTRAP_TYPE=plain",
            ]
        }
        var spec = common(plan, inside: 1883)
        spec.env = env
        spec.hostConfig?.binds = binds
        spec.healthcheck = .init(
            test: plan.healthCommand.map { ["CMD-SHELL", $0.joined(separator: " ")] } ?? [
                "CMD", "/opt/emqx/bin/emqx_ctl", "status",
            ])
        return spec
    }
}
