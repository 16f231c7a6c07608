import Foundation
import Synchronization

/// Runs a command-line tool (git, python3) with no shell in between and returns its status and output.
///
/// Foundation's `Process`, not swift-subprocess (which runs ssh and the editor): its callers (the version store
/// under its flock, uploads, the values form) are synchronous and run on the concurrency pool, and
/// swift-subprocess is async only. Waiting for it there holds one of the pool's threads (two on a 2-core
/// machine) while the run needs one: with both held by saves the run never starts. Making the version store
/// async would reach every file write of hbdeck for no gain the operator sees.
struct ToolRun {
    let status: Int32
    let data: Data
    let errors: String

    var output: String { String(decoding: data, as: UTF8.self) }

    /// `input` goes to the tool's stdin. Throws when the tool cannot be started at all.
    static func run(
        _ tool: String, _ arguments: [String], in directory: URL? = nil, input: Data? = nil,
        environment: [String: String] = [:]
    ) throws -> ToolRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        do {
            try process.run()
        } catch {
            throw DeployProblem(.folder, "cannot run \(tool): \(error.localizedDescription)")
        }
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        // Read both pipes to their end before waiting, so that a tool with much to say cannot block.
        let errData = Mutex(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let read = err.fileHandleForReading.readDataToEndOfFile()
            errData.withLock { $0 = read }
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ToolRun(
            status: process.terminationStatus, data: outData,
            errors: String(decoding: errData.withLock { $0 }, as: UTF8.self))
    }
}
