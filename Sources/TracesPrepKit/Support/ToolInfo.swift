/// The program's name and version as reports state them.
public enum ToolInfo {
    public static let name = "tracesprep"
    public static let version = "0.1.0"
}
