import Foundation

extension DockerClient {
    /// Makes a stopped container again under its own name from its own inspect (its config, environment,
    /// labels, mounts, limits, restart policy: everything the engine keeps), with `networkMode` instead of
    /// its network. The old one is renamed aside first and removed only once the new one exists; when the
    /// new one cannot be made the old one gets its name back. Returns the new container's id.
    public func recreate(_ name: String, networkMode: String) async throws -> String {
        let raw = try await requester.send(
            .GET, "/containers/\(Self.pathComponent(name))/json", timeout: defaultTimeout, operation: "inspect \(name)")
        guard let inspected = try JSONSerialization.jsonObject(with: Data(raw.readableBytesView)) as? [String: Any],
            var config = inspected["Config"] as? [String: Any], var host = inspected["HostConfig"] as? [String: Any],
            let imageID = inspected["Image"] as? String, let image = config["Image"] as? String
        else { throw DockerError.invalidResponse("inspect \(name): no Config or HostConfig") }
        if let state = inspected["State"] as? [String: Any], state["Running"] as? Bool == true {
            throw DockerError.conflict(message: "\(name) is running: it is made again only once stopped")
        }
        // The same image it runs, never a newer one its tag has moved to meanwhile.
        guard try await self.imageID(image) == imageID else {
            throw DockerError.conflict(
                message: "\(image) has moved on since \(name) was made: it would be made again from another image")
        }
        // Its hostname was the old container's id: the engine gives the new one its own.
        config["Hostname"] = nil
        host["NetworkMode"] = networkMode
        config["HostConfig"] = host
        let body = try JSONSerialization.data(withJSONObject: config)
        let aside = "\(name)-hbdeck-old-\(UInt32.random(in: 0...UInt32.max))"
        try await rename(name, to: aside)
        do {
            struct Created: Decodable { let Id: String }
            let created: Created = try await requester.decode(
                .POST, "/containers/create", query: [("name", name)], json: body, timeout: defaultTimeout,
                operation: "create \(name)")
            try await removeContainer(aside, force: true)
            return created.Id
        } catch {
            try? await rename(aside, to: name)
            throw error
        }
    }

    public func rename(_ idOrName: String, to name: String) async throws {
        _ = try await requester.send(
            .POST, "/containers/\(Self.pathComponent(idOrName))/rename", query: [("name", name)],
            timeout: defaultTimeout,
            operation: "rename \(idOrName)")
    }
}
