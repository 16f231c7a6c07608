import Foundation
import Testing

@testable import Docker

/// Contexts as the Docker CLI stores them (`docker context create` writes these files; the folder name is the
/// SHA-256 of the context's name, which hbdeck never needs to compute).
@Suite struct DockerContextsTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hbdeck-contexts-\(UUID().uuidString)")

    func store(_ name: String, host: String, skipVerify: Bool = false, tls: Bool = false, id: String) throws {
        let meta = folder.appendingPathComponent("contexts/meta/\(id)")
        try FileManager.default.createDirectory(at: meta, withIntermediateDirectories: true)
        let json =
            #"{"Name":"\#(name)","Metadata":{},"Endpoints":{"docker":{"Host":"\#(host)","SkipTLSVerify":\#(skipVerify)}}}"#
        try json.write(to: meta.appendingPathComponent("meta.json"), atomically: true, encoding: .utf8)
        if tls {
            let material = folder.appendingPathComponent("contexts/tls/\(id)/docker")
            try FileManager.default.createDirectory(at: material, withIntermediateDirectories: true)
            for file in ["ca.pem", "cert.pem", "key.pem"] {
                try "x".write(to: material.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
        }
    }

    @Test func contextsAreReadWithTheirTLSMaterial() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try store("bots-a", host: "unix:///run/a.sock", id: "1111")
        try store("bots-b", host: "tcp://10.0.0.2:2376", tls: true, id: "2222")
        try store("bots-c", host: "ssh://ops@bots-c", id: "3333")
        try store("lax", host: "tcp://10.0.0.9:2376", skipVerify: true, tls: true, id: "4444")
        let contexts = DockerContexts(env: ["DOCKER_CONFIG": folder.path])
        #expect(contexts.all().map(\.name).sorted() == ["bots-a", "bots-b", "bots-c", "lax"])
        let b = try contexts.endpoint(of: "bots-b")
        #expect(b.transport == .tcp(host: "10.0.0.2", port: 2376))
        #expect(
            b.tls?.certificateFile == folder.path + "/contexts/tls/2222/docker/cert.pem" && b.tls?.verifyServer == true)
        #expect(try contexts.endpoint(of: "lax").tls?.verifyServer == false, "SkipTLSVerify is kept")
        #expect(try contexts.endpoint(of: "bots-c").transport == .ssh(user: "ops", host: "bots-c", port: nil))
        #expect(try contexts.endpoint(of: "bots-a").tls == nil)
        #expect(
            throws: DockerError.invalidEndpoint(
                "nope",
                reason:
                    "no Docker context of that name (known: default, bots-a, bots-b, bots-c, lax; docker context ls lists them)"
            )
        ) {
            try contexts.endpoint(of: "nope")
        }
    }

    @Test func theCurrentContextIsTheOneTheDockerCLIWouldUse() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(DockerContexts(env: ["DOCKER_CONFIG": folder.path]).current == "default")
        try #"{"auths":{},"currentContext":"bots-b"}"#.write(
            to: folder.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        #expect(DockerContexts(env: ["DOCKER_CONFIG": folder.path]).current == "bots-b")
        #expect(
            DockerContexts(env: ["DOCKER_CONFIG": folder.path, "DOCKER_CONTEXT": "bots-c"]).current == "bots-c",
            "DOCKER_CONTEXT wins")
        let fallback = try DockerContexts(env: ["DOCKER_CONFIG": folder.path, "DOCKER_HOST": "tcp://e:2375"]).endpoint(
            of: "default")
        #expect(fallback.transport == .tcp(host: "e", port: 2375), "default is DOCKER_HOST")
    }
}
