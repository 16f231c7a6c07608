// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hbdeck",
    products: [
        .executable(name: "hbdeck", targets: ["hbdeck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure values shared by every layer: instance names, labels, classification. No I/O.
        .target(name: "HBModel"),

        // The Docker Engine API client: endpoints, typed requests and replies, streams.
        .target(
            name: "Docker",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),

        // The scriptable command line and, later, the console.
        .executableTarget(
            name: "hbdeck",
            dependencies: [
                "HBModel",
                "Docker",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "HBModelTests", dependencies: ["HBModel"]),
        .testTarget(
            name: "DockerTests",
            dependencies: ["Docker", "HBModel"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "CLITests"),
    ],
    swiftLanguageModes: [.v6]
)
