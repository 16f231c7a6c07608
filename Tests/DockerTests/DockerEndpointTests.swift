@testable import Docker
import Testing

@Suite struct DockerEndpointTests {
    @Test func parsesUnixSockets() throws {
        let endpoint = try DockerEndpoint(parsing: "unix:///run/hbdeck test/docker.sock")
        #expect(endpoint.transport == .unixSocket(path: "/run/hbdeck test/docker.sock"))
        #expect(endpoint.baseURL == "http+unix://%2Frun%2Fhbdeck%20test%2Fdocker.sock")
        #expect(try DockerEndpoint(parsing: "/var/run/docker.sock") == .localDefault)
    }

    @Test func parsesTCP() throws {
        #expect(try DockerEndpoint(parsing: "tcp://10.1.2.3:2375").transport == .tcp(host: "10.1.2.3", port: 2375))
        #expect(try DockerEndpoint(parsing: "tcp://engine").transport == .tcp(host: "engine", port: 2375))
        #expect(try DockerEndpoint(parsing: "tcp://[::1]:2376").transport == .tcp(host: "::1", port: 2376))
        let tls = DockerEndpoint.TLSFiles(directory: "/certs", verifyServer: true)
        let secure = try DockerEndpoint(parsing: "tcp://engine", tls: tls)
        #expect(secure.transport == .tcp(host: "engine", port: 2376))
        #expect(secure.baseURL == "https://engine:2376")
        #expect(secure.description == "tcp+tls://engine:2376")
    }

    @Test(arguments: ["unix://", "unix://relative", "ssh://me@host", "tcp://host:99999", "tcp://host:abc", "tcp://:2375", ""])
    func rejectsMalformedHosts(_ value: String) {
        #expect(throws: DockerError.self) { try DockerEndpoint(parsing: value) }
    }

    @Test func readsTheEnvironment() throws {
        #expect(try DockerEndpoint.fromEnvironment([:]) == .localDefault)
        let endpoint = try DockerEndpoint.fromEnvironment(["DOCKER_HOST": "tcp://e:1", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/c"])
        #expect(endpoint.tls?.caFile == "/c/ca.pem")
        #expect(endpoint.tls?.verifyServer == true)
    }

    @Test func versionsCompareNumerically() {
        #expect(DockerAPIVersion("1.9")! < DockerAPIVersion("1.41")!)
        #expect(DockerAPIVersion("1.41")! >= .minimum)
        #expect(DockerAPIVersion("one") == nil)
    }

    @Test func filtersEncodeAsTheEngineExpects() {
        let filters = DockerFilters().label("hbdeck.role", "bot").name("btc")
        #expect(filters.queryValue == #"{"label":["hbdeck.role=bot"],"name":["btc"]}"#)
        #expect(DockerFilters().queryValue == nil)
    }
}
