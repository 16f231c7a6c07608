/// Hides secret values (API keys, CONFIG_PASSWORD, MQTT passwords) wherever a value is shown or logged.
public enum SecretMask {
    public static let mask = "••••"

    private static let secretWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE", "CREDENTIAL", "PASSPHRASE"]

    public static func isSecret(key: String) -> Bool {
        let upper = key.uppercased()
        return secretWords.contains { upper.contains($0) } || upper.hasSuffix("_KEY")
    }

    /// `KEY=value` with the value masked when the key names a secret.
    public static func maskEnvironmentEntry(_ entry: String) -> String {
        guard let equals = entry.firstIndex(of: "=") else { return entry }
        let key = String(entry[..<equals])
        return isSecret(key: key) ? key + "=" + mask : entry
    }
}
