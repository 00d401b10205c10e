import Testing
import TracesPrepKit

@Suite("Help for summary, status and history")
struct LedgerCommandHelpTests {
    @Test func mainHelpListsCommands() {
        let english = runTool(["--help", "--lang", "en"])
        let chinese = runTool(["--help", "--lang", "zh-TW"])

        for command in ["summary", "status", "history REFERENCE"] {
            #expect(english.standardOutput.contains("\n  \(command) "))
        }
        for command in ["summary", "status", "history 證書編號"] {
            #expect(chinese.standardOutput.contains("\n  \(command) "))
        }
    }

    @Test(arguments: ["summary", "status", "history"])
    func commandHelpInBothLanguages(command: String) {
        let english = runTool([command, "--help", "--lang", "en"])
        let chinese = runTool([command, "--help", "--lang", "zh-TW"])

        #expect(english.status == 0)
        #expect(english.standardOutput.contains("USAGE: tracesprep \(command)"))
        #expect(english.standardOutput.contains("EXIT CODES: 0 done"))
        #expect(chinese.status == 0)
        #expect(chinese.standardOutput.contains("用法：tracesprep \(command)"))
        #expect(chinese.standardOutput.contains("結束碼：0 完成"))
    }
}
