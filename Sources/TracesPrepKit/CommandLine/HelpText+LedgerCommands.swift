/// The `--help` texts of the commands that read the ledger: summary, status and history.
extension HelpText {
    static func ledgerCommandText(for command: String?, language: Language) -> String? {
        switch (command, language) {
        case ("summary", .zhTW):
            return """
            從處理紀錄（ledger）產生一段期間的摘要，寫成 HTML 與 JSON 兩個檔案，並印出它們的路徑。

            用法：tracesprep summary [--since 24h|7d|日期] [--outbox 資料夾] [--ledger 檔案] [--lang zh-TW|en]

            摘要寫入 Outbox/summaries/summary-<UTC 時間 YYYYMMDDTHHMMSSZ>.html 與 .json，不會覆寫既有的檔案。
            內容：收到、通過、退回、未完成與重複的檔案數；依出口商與依規則的統計；最常見的 10 種錯誤；
            以及每個檔案的收到時間（臺灣時間）、判定、項目數與其報告的連結。

            選項：
              --since 期間        從何時起：24h、36h（往前幾小時）、7d（往前幾天）、日期 2026-12-01
                                  （臺灣時間午夜）或 ISO 8601 時間 2026-12-01T08:00:00+08:00
                                  （未註明時區者視為臺灣時間）。預設 24h。
              --outbox 資料夾     輸出資料夾（預設 Outbox）；摘要寫入其中的 summaries 資料夾。
              --ledger 檔案       處理紀錄（預設為收件匣旁的 ledger.sqlite）。
              --inbox 資料夾      收件匣（預設 Inbox），用來找預設的處理紀錄。
              --lang zh-TW|en     訊息語言；摘要本身一律中英並列。
              -h, --help          顯示此說明。

            結束碼：0 完成；64 用法錯誤（例如 --since 的值無效）；66 找不到處理紀錄；74 讀寫失敗；
                    75 處理紀錄正被另一個程序鎖定。

            """
        case ("summary", .en):
            return """
            Summarize the ledger for a period in an HTML and a JSON file, and print their paths.

            USAGE: tracesprep summary [--since 24h|7d|DATE] [--outbox DIR] [--ledger PATH] [--lang zh-TW|en]

            The summary is written to Outbox/summaries/summary-<UTC time YYYYMMDDTHHMMSSZ>.html and .json; existing
            files are never overwritten. It lists the files received, accepted, rejected, incomplete and duplicated;
            counts by exporter and by rule; the 10 most frequent errors; and every file with its time of receipt
            (Taiwan time), verdict, finding counts and a link to its report.

            OPTIONS:
              --since PERIOD      Start of the period: 24h, 36h (hours back), 7d (days back), a date 2026-12-01
                                  (midnight Taiwan time) or an ISO 8601 time 2026-12-01T08:00:00+08:00 (a time
                                  without an offset is Taiwan time). Default 24h.
              --outbox DIR        Output folder (default Outbox); summaries go into its summaries folder.
              --ledger PATH       Ledger file (default ledger.sqlite beside the inbox).
              --inbox DIR         Inbox folder (default Inbox), to find the default ledger.
              --lang zh-TW|en     Language of messages; the summary itself is always in both languages.
              -h, --help          Show this help.

            EXIT CODES: 0 done; 64 wrong usage (such as an invalid --since value); 66 ledger not found;
                        74 an I/O failure; 75 the ledger is locked by another process.

            """
        case ("status", .zhTW):
            return """
            列出收件匣目前的狀況：等待中、處理中與失敗的檔案，各附數量。

            用法：tracesprep status [--inbox 資料夾] [--ledger 檔案] [--lang zh-TW|en]

            等待中：收件匣中的資料檔（不含隱藏檔與暫存檔）。
            處理中：處理紀錄中已認領但尚未封存的檔案，以及收件匣 .claimed 資料夾中的檔案。
            失敗：失敗資料夾中的原檔，以及處理紀錄中最近 7 天收到、判定為未完成的檔案。
            處理紀錄不存在時只列出資料夾中的檔案。

            選項：
              --inbox 資料夾      收件匣（預設 Inbox）。
              --failed 資料夾     失敗資料夾（預設為收件匣旁的 Failed）。
              --ledger 檔案       處理紀錄（預設為收件匣旁的 ledger.sqlite）。
              --lang zh-TW|en     輸出語言。
              -h, --help          顯示此說明。

            結束碼：0 完成；66 找不到收件匣；74 讀寫失敗；75 處理紀錄正被另一個程序鎖定。

            """
        case ("status", .en):
            return """
            Show what the inbox contains: files waiting, in progress and failed, with counts.

            USAGE: tracesprep status [--inbox DIR] [--ledger PATH] [--lang zh-TW|en]

            Waiting: consignment files in the inbox (hidden and temporary files left out).
            In progress: ledger files claimed but not archived yet, and files in the inbox's .claimed folder.
            Failed: originals in the failed folder, and ledger files received in the last 7 days whose verdict is
            incomplete. Without a ledger, only the folders are listed.

            OPTIONS:
              --inbox DIR         Inbox folder (default Inbox).
              --failed DIR        Failed folder (default Failed beside the inbox).
              --ledger PATH       Ledger file (default ledger.sqlite beside the inbox).
              --lang zh-TW|en     Language of the output.
              -h, --help          Show this help.

            EXIT CODES: 0 done; 66 inbox not found; 74 an I/O failure; 75 the ledger is locked by another process.

            """
        case ("history", .zhTW):
            return """
            列出一份證書（依證書編號）在處理紀錄中的所有版本。

            用法：tracesprep history 證書編號 [--ledger 檔案] [--format text|json] [--lang zh-TW|en]

            每個版本列出收到時間（臺灣時間）、檔案名稱、判定、證書格式、內容是否與前一版不同，以及草稿檔案。

            選項：
              --ledger 檔案       處理紀錄（預設為收件匣旁的 ledger.sqlite）。
              --inbox 資料夾      收件匣（預設 Inbox），用來找預設的處理紀錄。
              --format text|json  輸出格式，預設 text。
              --lang zh-TW|en     輸出語言。
              -h, --help          顯示此說明。

            結束碼：0 完成；64 用法錯誤；66 找不到處理紀錄或證書編號；74 讀寫失敗；
                    75 處理紀錄正被另一個程序鎖定。

            """
        case ("history", .en):
            return """
            List every version of one certificate, by its reference, from the ledger.

            USAGE: tracesprep history REFERENCE [--ledger PATH] [--format text|json] [--lang zh-TW|en]

            Each version shows its time of receipt (Taiwan time), file name, verdict, certificate model, whether its
            content differs from the previous version, and its draft files.

            OPTIONS:
              --ledger PATH       Ledger file (default ledger.sqlite beside the inbox).
              --inbox DIR         Inbox folder (default Inbox), to find the default ledger.
              --format text|json  Output format. Default text.
              --lang zh-TW|en     Language of the output.
              -h, --help          Show this help.

            EXIT CODES: 0 done; 64 wrong usage; 66 ledger or reference not found; 74 an I/O failure;
                        75 the ledger is locked by another process.

            """
        default:
            return nil
        }
    }
}
