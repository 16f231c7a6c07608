/// Decides which containers are bot instances, as Hummingbot's own API does (image `.+/hummingbot:`),
/// plus any container carrying hbdeck's bot label.
public enum BotClassifier {
    public static func isBot(image: String, labels: [String: String], command: String? = nil) -> Bool {
        if labels[HBLabels.role] == HBLabels.botRole { return true }
        if labels[HBLabels.role] == HBLabels.helperRole { return false }
        if BotEngine.of(listedCommand: command) == .hbot { return true }
        return isHummingbotImage(image)
    }

    /// True for `something/hummingbot:tag` (the `.+/hummingbot:` rule); also when the tag is implied.
    public static func isHummingbotImage(_ image: String) -> Bool {
        guard let slash = image.lastIndex(of: "/"), slash != image.startIndex else { return false }
        let last = image[image.index(after: slash)...]
        return last == "hummingbot" || last.hasPrefix("hummingbot:") || last.hasPrefix("hummingbot@")
    }
}
