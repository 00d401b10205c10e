/// The `--help` texts, per command and language.
enum HelpText {
    static func text(for command: String?, language: Language) -> String {
        if let text = ledgerCommandText(for: command, language: language) ?? rulesCommandText(for: command, language: language) {
            return text
        }
        switch (command, language) {
        case ("validate", .zhTW):
            return """
            在送出 TRACES-NT 之前檢查出口資料檔，不寫入任何檔案。

            用法：tracesprep validate 檔案… [--format text|json] [--lang zh-TW|en]

            選項：
              --format text|json  輸出格式：text 每項發現一行（檔案:行:欄: 嚴重度: [規則] 訊息），
                                  json 為完整報告（一個檔案一個物件，多個檔案為陣列）。預設 text。
              --rules 資料夾      規則資料夾（預設：程式旁的 Rules/，或環境變數 TRACESPREP_RULES）。
              --site 檔案         使用單位設定檔（預設為規則資料夾中的 site.json）。
              --pack 名稱         使用的規則包（預設為 site.json 指定者，出廠為 bsmi-2020）。
              --lang zh-TW|en     訊息語言（預設依 TRACESPREP_LANG、LANG，否則依 site.json，出廠為 zh-TW）。
              --max-size MiB      可讀取的最大檔案（單位 MiB，1 到 16384，預設 256）；較大的檔案不讀取並列為錯誤。
              --threads 數量      同時檢查一個檔案中各批貨物的執行緒上限（1 到 64，預設為處理器數量，最多 8）。
              -h, --help          顯示此說明。

            結束碼：0 全部通過（可有警告）；65 至少一個檔案被退回；66 找不到檔案；
                    70 有檔案未能完整檢查；74 有檔案無法讀取；64 用法錯誤；78 規則檔案無效。

            """
        case ("validate", .en):
            return """
            Check consignment files before they are keyed into TRACES-NT; writes nothing.

            USAGE: tracesprep validate FILE... [--format text|json] [--lang zh-TW|en]

            OPTIONS:
              --format text|json  Output: text prints one finding a line (file:line:column: severity: [rule] message);
                                  json prints the full report (one object per file, an array for several). Default text.
              --rules DIR         Rules folder (default: Rules/ beside the program, or TRACESPREP_RULES).
              --site FILE         Site settings (default: site.json in the Rules folder).
              --pack NAME         Rule pack to use (default: the pack of site.json, bsmi-2020 as shipped).
              --lang zh-TW|en     Language of messages (default from TRACESPREP_LANG, then LANG, then site.json,
                                  zh-TW as shipped).
              --max-size MiB      Largest file read, in MiB (1 to 16384, default 256); a larger file is not read
                                  and gets an error.
              --threads N         Maximum number of threads that check the consignments of one file (1 to 64;
                                  default: one per processor, at most 8).
              -h, --help          Show this help.

            EXIT CODES: 0 every file accepted (warnings allowed); 65 at least one file rejected; 66 a file was not found;
                        70 a file could not be checked to the end; 74 a file could not be read; 64 wrong usage;
                        78 invalid rule files.

            """
        case ("run", .zhTW):
            return """
            處理收件匣中所有等待中的檔案一次後結束（供 cron 使用）。

            用法：tracesprep run [--inbox 資料夾] [--outbox 資料夾] [--archive 資料夾] [--failed 資料夾]

            每個檔案先以原子更名認領，再把草稿證書與報告寫入輸出資料夾、記入處理紀錄，最後把原檔移到封存資料夾。
            無法讀取的檔案移到失敗資料夾，並附上說明原因的報告。內容與檢查結果都與先前某個檔案相同的檔案，
            不再寫出草稿，其報告指出先前的檔案。既有的檔案不會被覆寫或刪除；中斷後下次執行會自動完成未完成的檔案。

            選項：
              --inbox 資料夾      收件匣（預設 Inbox）。
              --outbox 資料夾     輸出資料夾（預設 Outbox）。
              --archive 資料夾    處理完的原檔（預設為收件匣旁的 Archive）。
              --failed 資料夾     無法讀取的原檔（預設為收件匣旁的 Failed）。
              --ledger 檔案       SQLite 處理紀錄，記錄每個檔案、證書與發現（預設為收件匣旁的 ledger.sqlite）。
              --rules 資料夾、--pack 名稱、--lang zh-TW|en、--max-size MiB、--threads 數量：同 validate。
              -h, --help          顯示此說明。

            結束碼：0 完成（被退回的檔案也是正常結果）；64 用法錯誤；70 有檔案無法完整讀取（已移到失敗資料夾）；
                    74 讀寫失敗（檔案留在收件匣）；
                    75 另一個程序正在處理同一收件匣；78 規則檔案無效。

            """
        case ("run", .en):
            return """
            Process every file waiting in the inbox once, then exit (for cron).

            USAGE: tracesprep run [--inbox DIR] [--outbox DIR] [--archive DIR] [--failed DIR]

            Each file is claimed by an atomic rename, its draft certificates and reports are written to the
            outbox and recorded in the ledger, and the original is then moved to the archive. A file that cannot
            be read goes to the failed folder with a report saying why. A file with the same content and the same
            check result as an earlier one gets no new drafts; its report names the earlier file. Existing files
            are never overwritten or deleted, and the next run finishes any file an interrupted run left.

            OPTIONS:
              --inbox DIR         Inbox folder (default Inbox).
              --outbox DIR        Output folder (default Outbox).
              --archive DIR       Where processed originals go (default Archive beside the inbox).
              --failed DIR        Where unreadable originals go (default Failed beside the inbox).
              --ledger FILE       SQLite ledger of every file, certificate and finding (default ledger.sqlite beside the inbox).
              --rules DIR, --pack NAME, --lang zh-TW|en, --max-size MiB, --threads N: as for validate.
              -h, --help          Show this help.

            EXIT CODES: 0 done (a rejected file is a normal outcome); 64 wrong usage; 70 a file could not be read to the end
                        (it is in the failed folder); 74 an I/O failure (the file stays in the inbox);
                        75 another process holds the inbox; 78 invalid rule files.

            """
        case ("watch", .zhTW):
            return """
            持續監看收件匣，檔案寫入完成後即處理，直到收到 SIGINT 或 SIGTERM 為止（供 systemd 等服務使用）。

            用法：tracesprep watch [--inbox 資料夾] [--outbox 資料夾] [--settle 秒數] [--poll 秒數]

            檔案的大小與修改時間維持 --settle 秒不變，才視為寫入完成，並以與 run 相同的方式處理。
            暫存檔與鎖定檔（~$*、.~lock.*、*.part、*.tmp、以「.」開頭的檔名）一律不處理。
            可用 inotify 時，收件匣一有變動就重新掃描，並每 2 秒再掃描一次，以免漏掉網路磁碟上的變動；
            給了 --poll，或無法使用 inotify 時，改為每隔 --poll 秒（預設 2 秒）掃描一次。
            處理失敗（例如磁碟已滿）時會記錄錯誤，檔案留在收件匣，並在 1、2、4…秒後重試（最長間隔 60 秒）。
            收到 SIGINT 或 SIGTERM 時，先處理完手上的檔案再結束。
            收到 SIGHUP 時重新載入規則檔案；新規則無效時記錄錯誤，並繼續使用原本的規則。
            執行期間持有收件匣的鎖，同一收件匣上的其他 run 或 watch 會以結束碼 75 結束。

            選項：
              --settle 秒數       檔案須維持不變多少秒才處理，可用小數（0.1 到 3600，預設 2）。
              --poll 秒數         不使用 inotify，改為每隔此秒數掃描收件匣，可用小數（0.1 到 3600）。
              --inbox、--outbox、--archive、--failed 資料夾，--ledger 檔案：同 run。
              --rules 資料夾、--pack 名稱、--lang zh-TW|en、--max-size MiB、--threads 數量：同 validate。
              -h, --help          顯示此說明。

            結束碼：0 收到 SIGINT 或 SIGTERM 後正常結束；64 用法錯誤；66 找不到收件匣；
                    74 啟動時讀寫失敗；75 另一個 tracesprep 正在處理此收件匣；78 規則檔案無效。

            """
        case ("watch", .en):
            return """
            Watch the inbox and process each file once it is completely written, until SIGINT or SIGTERM
            (for systemd and other service managers).

            USAGE: tracesprep watch [--inbox DIR] [--outbox DIR] [--settle SECONDS] [--poll SECONDS]

            A file counts as completely written when its size and modification time stayed the same for
            --settle seconds; it is then processed as run does. Temporary and lock files (~$*, .~lock.*, *.part,
            *.tmp, names starting with '.') are never processed. With inotify the inbox is rescanned on every
            change and also every 2 seconds, so changes on network shares are not missed; with --poll, or where
            inotify is not available, it is scanned every --poll seconds (default 2). When processing fails (a full disk, for example) the
            error is logged, the file stays in the inbox and is retried after 1, 2, 4 ... seconds (at most 60).
            SIGINT and SIGTERM stop the command after the file in hand. SIGHUP reloads the rule files; if the
            new rules are invalid, the error is logged and the previous rules stay in use. The command holds the
            inbox lock while it runs, so another run or watch on the same inbox exits with 75.

            OPTIONS:
              --settle SECONDS    Seconds a file must stay unchanged before it is processed; decimals allowed
                                  (0.1 to 3600, default 2).
              --poll SECONDS      Scan the inbox every SECONDS without inotify; decimals allowed (0.1 to 3600).
              --inbox, --outbox, --archive, --failed DIR, --ledger FILE: as for run.
              --rules DIR, --pack NAME, --lang zh-TW|en, --max-size MiB, --threads N: as for validate.
              -h, --help          Show this help.

            EXIT CODES: 0 stopped by SIGINT or SIGTERM; 64 wrong usage; 66 the inbox was not found;
                        74 an I/O failure at start; 75 another tracesprep holds the inbox; 78 invalid rule files.

            """
        case (_, .zhTW):
            return """
            TracesPrep：在送出 TRACES-NT 之前，檢查輸銷歐盟衛生證明書（EU Import）的出口資料。

            用法：tracesprep 指令 [選項]

            指令：
              validate 檔案…   檢查檔案並列出發現，不寫入任何檔案。
              run              處理收件匣中的檔案：寫出草稿證書與報告，並封存原檔。
              watch            持續監看收件匣，檔案寫入完成後即處理，直到收到 SIGINT 或 SIGTERM。
              summary          從處理紀錄寫出一段期間（預設 24 小時）的 HTML 與 JSON 摘要。
              status           列出等待中、處理中與失敗的檔案。
              history 證書編號 列出一份證書在處理紀錄中的所有版本。
              rules check|list|explain
                               檢查規則檔案，或說明規則（供撰寫規則的人使用）。

            共同選項：
              --lang zh-TW|en  訊息語言。
              --rules 資料夾   規則資料夾。
              --site 檔案      使用單位設定檔（預設為規則資料夾中的 site.json）。
              --pack 名稱      規則包（預設為 site.json 指定者，出廠為 bsmi-2020）。
              --version        顯示版本。
              -h, --help       顯示說明；「tracesprep 指令 --help」顯示該指令的說明。

            """
        case (_, .en):
            return """
            TracesPrep: check consignment data for the EU Import health certificate before it goes into TRACES-NT.

            USAGE: tracesprep COMMAND [OPTIONS]

            COMMANDS:
              validate FILE...  Check files and list findings; writes nothing.
              run               Process the inbox: write draft certificates and reports, archive the originals.
              watch             Keep processing inbox files as they are completely written, until SIGINT or SIGTERM.
              summary           Write an HTML and a JSON summary of the ledger for a period (default 24 hours).
              status            List the files waiting, in progress and failed.
              history REFERENCE List every version of one certificate in the ledger.
              rules check|list|explain
                                Check the rule files, or describe the rules (for rule authors).

            COMMON OPTIONS:
              --lang zh-TW|en   Language of messages.
              --rules DIR       Rules folder.
              --site FILE       Site settings (default: site.json in the Rules folder).
              --pack NAME       Rule pack (default: the pack of site.json, bsmi-2020 as shipped).
              --version         Show the version.
              -h, --help        Show help; 'tracesprep COMMAND --help' shows a command's help.

            """
        }
    }
}
