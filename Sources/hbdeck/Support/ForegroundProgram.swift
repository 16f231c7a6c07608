import Subprocess

/// Runs a program in this terminal's foreground, as a shell runs a command, and waits for it: in hbdeck's own
/// process group, on its terminal, every signal at its default (swift-subprocess resets them in the child).
enum ForegroundProgram {
    /// The program's exit status (128 + the signal when one ended it); -1 when it could not start.
    static func run(_ arguments: [String]) async -> Int32 {
        do {
            let result = try await Subprocess.run(
                .path(.init(arguments[0])), arguments: Arguments(Array(arguments.dropFirst())),
                input: .currentStandardInput, output: .currentStandardOutput, error: .currentStandardError)
            switch result.terminationStatus {
            case .exited(let code): return code
            case .signaled(let signal): return 128 + signal
            }
        } catch {
            return -1
        }
    }
}
