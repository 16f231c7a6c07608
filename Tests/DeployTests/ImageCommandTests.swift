import Deploy
import HBModel
import Testing

/// How hbdeck starts a program in a bot image: the image's own environment, no login shell, the program exec'd.
struct ImageCommandTests {
    @Test func aProgramRunsThroughAPlainShellAndIsExecd() {
        let argv = ImageCommand.wrapping(["hbot", "start", "a.yml", "--foreground"])
        #expect(Array(argv.prefix(2)) == ["/bin/sh", "-c"], "no login shell: /etc/profile would set PATH anew")
        #expect(
            Array(argv.suffix(5)) == ["hbdeck", "hbot", "start", "a.yml", "--foreground"],
            "the program's words passed as they are")
        #expect(argv[2].hasSuffix("exec \"$@\""), "exec'd: a bot started this way is PID 1")
        #expect(argv[2].contains("conda activate hummingbot"))
    }

    /// A bot deployed through the wrapper is still recognised as run by hbot, from the container's command
    /// and from the one line the engine's list shows.
    @Test func anHbotBotIsRecognisedThroughTheWrapper() {
        let argv = ImageCommand.wrapping(["hbot", "start", "pmm.yml", "--foreground"])
        #expect(BotEngine.of(command: argv) == .hbot)
        #expect(BotEngine.config(in: argv) == "pmm.yml")
        #expect(BotEngine.of(listedCommand: argv.joined(separator: " ")) == .hbot)
        #expect(BotEngine.of(command: ImageCommand.wrapping(["python", "-c", "print(1)"])) == .quickstart)
    }
}
