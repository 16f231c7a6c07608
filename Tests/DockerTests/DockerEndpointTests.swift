import Testing

@testable import Docker

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

    @Test func parsesSSHAsTheDockerCLIWritesIt() throws {
        #expect(
            try DockerEndpoint(parsing: "ssh://root@bots-2").transport == .ssh(user: "root", host: "bots-2", port: nil))
        #expect(
            try DockerEndpoint(parsing: "ssh://ops@10.0.0.7:2222/").transport
                == .ssh(user: "ops", host: "10.0.0.7", port: 2222))
        #expect(try DockerEndpoint(parsing: "ssh://bots-3").transport == .ssh(user: nil, host: "bots-3", port: nil))
        #expect(try DockerEndpoint(parsing: "ssh://ops@10.0.0.7:2222").description == "ssh://ops@10.0.0.7:2222")
        #expect(try DockerEndpoint(parsing: "ssh://ops@h").isLocalSocket == false)
    }

    /// ssh is given the user and host as arguments: nothing that reads as an option or a second word.
    @Test(arguments: [
        "ssh://-oProxyCommand=touch /tmp/x", "ssh://ops@-h", "ssh://-l@h", "ssh://a b", "ssh://ops@", "ssh://h:0",
        "ssh://h:x", "ssh://a;b@h",
    ])
    func refusesSSHAddressesThatCouldBeOptions(_ value: String) {
        #expect(throws: DockerError.self) { try DockerEndpoint(parsing: value) }
    }

    @Test(arguments: [
        "unix://", "unix://relative", "ftp://me@host", "tcp://host:99999", "tcp://host:abc", "tcp://:2375", "",
    ])
    func rejectsMalformedHosts(_ value: String) {
        #expect(throws: DockerError.self) { try DockerEndpoint(parsing: value) }
    }

    @Test func readsTheEnvironment() throws {
        #expect(try DockerEndpoint.fromEnvironment([:]) == .localDefault)
        let endpoint = try DockerEndpoint.fromEnvironment([
            "DOCKER_HOST": "tcp://e:1", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/c",
        ])
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
