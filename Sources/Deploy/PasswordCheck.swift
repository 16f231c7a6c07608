import Docker
import Foundation
import HBModel

/// Checks a profile's password with the bot image's own code, in a throwaway container that sees only that
/// profile (read-only) and no network: hbdeck never re-implements Hummingbot's cryptography.
public enum PasswordCheck {
    public enum Outcome: Sendable, Equatable {
        case accepted
        case refused
        /// The profile has no `.password_verification`: the client cannot start headless with it.
        case noVerificationFile
        /// The image has no Hummingbot client to check with, or the check failed (its exit code).
        case cannotCheck(String)
    }

    /// Runs in the image's own Python (conda's `hummingbot` environment where there is one).
    static let program = """
        import os, sys
        try:
            from hummingbot.client.config.config_crypt import ETHKeyFileSecretManger, PASSWORD_VERIFICATION_PATH, validate_password
        except Exception:
            sys.exit(5)
        if not PASSWORD_VERIFICATION_PATH.exists():
            sys.exit(4)
        sys.exit(0 if validate_password(ETHKeyFileSecretManger(os.environ.pop("CONFIG_PASSWORD"))) else 3)
        """

    static let shell = #"if command -v conda >/dev/null 2>&1; then conda activate hummingbot; fi; exec python -c "$HBDECK_PROGRAM""#

    public static func run(image: String, profileFolder: String, password: Secret, client: DockerClient, timeout: Double = 120) async throws -> Outcome {
        let spec = ContainerSpec(
            image: image, cmd: ["/bin/bash", "-lc", shell],
            env: ["CONFIG_PASSWORD=\(password.value)", "HBDECK_PROGRAM=\(program)"],
            labels: [HBLabels.role: "password-check"],
            hostConfig: .init(binds: ["\(profileFolder):\(BotContainerSpec.home)/conf:ro"], networkMode: "none"))
        let id = try await client.createContainer(name: nil, spec: spec)
        do {
            try await client.startContainer(id)
            let result = try await client.waitContainer(id, timeout: timeout)
            try? await client.removeContainer(id, force: true)
            switch result.statusCode {
            case 0: return .accepted
            case 3: return .refused
            case 4: return .noVerificationFile
            case 5: return .cannotCheck("the image has no Hummingbot client to check the password with")
            default: return .cannotCheck("the check in the image ended with exit code \(result.statusCode)")
            }
        } catch {
            try? await client.removeContainer(id, force: true)
            throw error
        }
    }
}
