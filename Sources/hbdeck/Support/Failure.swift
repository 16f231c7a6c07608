import ArgumentParser
import BackendAPI
import Docker
import HBModel

/// A failure worth one line on stderr.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs `body`; any error becomes `hbdeck: <message>` on stderr and exit status 1.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch is CancellationError {
        throw ExitCode(130)
    } catch {
        StandardOutput.error("hbdeck: \(describe(error))")
        throw ExitCode.failure
    }
}

func describe(_ error: any Error) -> String {
    switch error {
    case let error as DockerError: return error.description
    case let error as CommandFailure: return error.description
    case let error as InstanceName.Problem: return error.description
    case let error as APIError: return error.description
    case let error as APIServer.ParseError: return error.description
    default: return String(describing: error)
    }
}
