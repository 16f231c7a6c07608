// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hbdeck",
    products: [
        .executable(name: "hbdeck", targets: ["hbdeck"])
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // Pure values shared by every layer: instance names, labels, classification, settings files. No I/O.
        .target(name: "HBModel", dependencies: [.product(name: "Yams", package: "Yams")]),

        // The Docker Engine API client: endpoints, typed requests and replies, streams.
        .target(
            name: "Docker",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),

        // libmosquitto, Debian's libmosquitto-dev.
        .systemLibrary(name: "CMosquitto", pkgConfig: "libmosquitto", providers: [.apt(["libmosquitto-dev"])]),

        // Hummingbot's MQTT remote-control protocol: telemetry, liveness, bot state and RPC.
        .target(name: "BotLink", dependencies: ["CMosquitto", "HBModel"]),

        // The in-memory screen: cells, roles, themes, keys. No terminal I/O.
        .target(name: "Canvas", dependencies: ["HBModel"]),

        // The console's panes, key handling and view state: pure, drawn into a Canvas grid.
        .target(name: "Console", dependencies: ["Canvas", "HBModel"]),

        // ncursesw, Debian's libncurses-dev.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),

        // Restores the terminal on a fatal signal, before any backtrace is printed (async-signal-safe C).
        .target(name: "CTerminalGuard"),

        // The real terminal: draws a Canvas grid through ncursesw, reads keys, restores on exit.
        .target(name: "Terminal", dependencies: ["Canvas", "CNcursesw", "CTerminalGuard"]),

        // Hummingbot's own Backend API (hummingbot-api): its replies, the fleet they show, its actions.
        .target(
            name: "BackendAPI",
            dependencies: [
                "HBModel", "BotLink",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // Actors that watch the engine and the bots and publish immutable snapshots. No drawing.
        .target(name: "Monitor", dependencies: ["Docker", "BotLink", "BackendAPI", "Deploy", "HBModel", "CSQLite"]),

        // What an operator does to bots and the broker, for the CLI and the console alike: safe stops, deletes,
        // restarts, reloads, network moves, broker control, and the console's running actions.
        .target(name: "Operations", dependencies: ["Monitor", "Docker", "BotLink", "BackendAPI", "Deploy", "HBModel"]),

        // SQLite, to read the bots' own trade databases (read-only).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Deploying and changing bots in Hummingbot's bots folder: instance folders, containers, password checks.
        .target(name: "Deploy", dependencies: ["Docker", "HBModel", .product(name: "Yams", package: "Yams")]),

        // Alerts where the operator is: rules over the fleet's snapshots, webhooks and mail, rate limit and backoff.
        .target(
            name: "Alerts",
            dependencies: [
                "HBModel", "Monitor",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),

        // The scriptable command line and the console.
        .executableTarget(
            name: "hbdeck",
            dependencies: [
                "HBModel",
                "Docker",
                "BotLink",
                "Monitor",
                "Operations",
                "Deploy",
                "Alerts",
                "BackendAPI",
                "Console",
                "Canvas",
                "Terminal",
                "CTerminalGuard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),

        // What the integration tests share: the private engine, the test broker and test bots.
        .target(
            name: "HBTestSupport",
            dependencies: ["Docker", "HBModel", "BotLink", "Monitor", "Deploy"],
            path: "Tests/HBTestSupport"
        ),

        .testTarget(name: "HBModelTests", dependencies: ["HBModel"]),
        .testTarget(
            name: "DockerTests",
            dependencies: ["Docker", "HBModel", "HBTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BotLinkTests", dependencies: ["BotLink", "HBModel", "HBTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["HBTestSupport"]),
        .testTarget(name: "DeployTests", dependencies: ["Deploy", "Docker", "HBModel", "HBTestSupport"]),
        .testTarget(
            name: "MonitorTests",
            dependencies: [
                "Monitor", "Operations", "BotLink", "Docker", "HBModel", "HBTestSupport", "Console", "Canvas",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "AlertsTests", dependencies: ["Alerts", "HBModel", "HBTestSupport"]),
        .testTarget(
            name: "BackendAPITests",
            dependencies: ["BackendAPI", "BotLink", "HBModel", "Monitor", "Operations", "HBTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Canvas", "HBModel"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
