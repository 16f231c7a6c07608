import Docker
import Foundation

/// Checks a profile's password with the bot image's own code, in a container that sees only that profile,
/// read-only.
public enum PasswordCheck {
    public enum Outcome: Sendable, Equatable {
        case accepted
        case refused
        /// The profile has no `.password_verification`: the client cannot start headless with it.
        case noVerificationFile
        /// The image has no Hummingbot client to check with, or the check failed.
        case cannotCheck(String)
    }

    static let program =
        ImageProgram.importCrypt + """

            if not PASSWORD_VERIFICATION_PATH.exists():
                sys.exit(4)
            sys.exit(0 if validate_password(ETHKeyFileSecretManger(os.environ.pop("CONFIG_PASSWORD"))) else 3)
            """

    public static func run(image: String, profileFolder: String, password: Secret, client: DockerClient) async throws
        -> Outcome
    {
        let code = try await ImageProgram(image: image, program: program).run(
            binds: ["\(profileFolder):\(BotContainerSpec.home)/conf:ro"], password: password, client: client)
        switch code {
        case 0: return .accepted
        case 3: return .refused
        case 4: return .noVerificationFile
        default: return .cannotCheck(ImageProgram.describe(exitCode: code))
        }
    }
}
