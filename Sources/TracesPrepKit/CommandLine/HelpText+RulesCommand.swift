/// The `--help` text of `tracesprep rules`.
extension HelpText {
    static func rulesCommandText(for command: String?, language: Language) -> String? {
        switch (command, language) {
        case ("rules", .zhTW):
            return """
            檢查規則檔案，或說明規則的內容（供撰寫規則的人使用）。

            用法：tracesprep rules check [--rules 資料夾] [--site 檔案]
                  tracesprep rules list [--pack 名稱] [--format text|markdown]
                  tracesprep rules explain 規則代碼 [--pack 名稱]

            子指令：
              check             讀取所有欄位、代碼表、規則包與使用單位設定，列出找到的每個問題，每項一行：
                                「檔案: $.JSON路徑: 嚴重度: 訊息」，最後一行為統計。錯誤包括：未知的欄位代碼、
                                發現種類、檢查或代碼表；重複的規則代碼；無法編譯的樣式；訊息缺少一種語言，
                                或使用檢查不提供的替換值；沒有任何 HS 2022 號列以其開頭的 CN 前綴；
                                沒有任何前綴能用到的證書格式。規則物件中未知的鍵為警告。
              list              依執行順序列出規則包的規則：代碼、嚴重度、種類、檢查與欄位編號。
                                --format markdown 產生 Rules/README.md 收錄的規則參考表。
              explain 規則代碼  說明一條規則：檢查內容、欄位與欄位編號、適用條件、參數、種類、嚴重度、
                                訊息，以及通過與不通過的範例。

            選項：
              --rules 資料夾      規則資料夾（預設：程式旁的 Rules/，或環境變數 TRACESPREP_RULES）。
              --site 檔案         使用單位設定檔（預設為規則資料夾中的 site.json）。
              --pack 名稱         list 與 explain 說明的規則包（預設為 site.json 指定者）。check 一律檢查所有規則包。
              --format text|markdown
                                  list 的輸出格式（預設 text）。
              --lang zh-TW|en     輸出語言。
              -h, --help          顯示此說明。

            結束碼：0 沒有錯誤（可有警告）；78 check 找到錯誤，或 list、explain 無法載入規則；
                    64 用法錯誤，包括規則包中沒有該規則代碼。

            """
        case ("rules", .en):
            return """
            Check the rule files, or describe what a rule does (for rule authors).

            USAGE: tracesprep rules check [--rules DIR] [--site FILE]
                   tracesprep rules list [--pack NAME] [--format text|markdown]
                   tracesprep rules explain RULE-ID [--pack NAME]

            SUBCOMMANDS:
              check             Read every field, code list, pack and the site settings, and print every fault
                                found, one a line as 'FILE: $.JSON.PATH: SEVERITY: MESSAGE', then a count. Errors
                                are: unknown field ids, finding kinds, checks or code lists; duplicate rule ids;
                                patterns that do not compile; messages missing a language or using a placeholder
                                the check does not fill; CN prefixes that no HS 2022 code starts with; models that
                                no prefix reaches. An unknown key in a rule object is a warning.
              list              List the rules of a pack in the order they run: id, severity, kind, check, boxes.
                                --format markdown writes the rule reference that Rules/README.md includes.
              explain RULE-ID   Describe one rule: what it checks, its fields and boxes, when it applies, its
                                parameters, kind, severity and message, and a passing and a failing example.

            OPTIONS:
              --rules DIR         Rules folder (default: Rules/ beside the program, or TRACESPREP_RULES).
              --site FILE         Site settings (default: site.json in the Rules folder).
              --pack NAME         Pack that list and explain describe (default: the pack of site.json). check
                                  always checks every pack.
              --format text|markdown
                                  Output of list (default text).
              --lang zh-TW|en     Language of the output.
              -h, --help          Show this help.

            EXIT CODES: 0 no errors (warnings allowed); 78 check found errors, or list or explain could not load
                        the rules; 64 wrong usage, including a rule id the pack does not have.

            """
        default:
            return nil
        }
    }
}
