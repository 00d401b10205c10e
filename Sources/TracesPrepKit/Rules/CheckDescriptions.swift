/// One-sentence descriptions of what each check and each stage event reports, for
/// `tracesprep rules explain` and `rules list`. A unit test requires one for every registered
/// check and every event, so a new check cannot be listed without saying what it does.
public enum CheckDescriptions {
    public static func check(_ name: String) -> LocalizedText? {
        checks[name]
    }

    public static func event(_ name: String) -> LocalizedText? {
        events[name]
    }

    private static let checks: [String: LocalizedText] = [
        "excel_damage": LocalizedText(
            zhTW: "試算表程式改壞了值（params.damage 指定哪一種：科學記號、變成日期、小數點與千分位混淆、代碼存成數字）。",
            en: "A spreadsheet program mangled the value (params.damage names how: scientific notation, a date, a decimal mark mixed up with a thousands separator, a code stored as a number)."),
        "required": LocalizedText(
            zhTW: "列出的欄位沒有值：證書層級欄位每份證書檢查一次，文件、貨櫃及貨品明細欄位逐筆檢查。",
            en: "A listed field has no value: once per certificate for a consignment field, in each entry or line otherwise."),
        "required_with": LocalizedText(
            zhTW: "同一筆資料中 params.trigger 欄位有值，但列出的欄位沒有值。",
            en: "The params.trigger field has a value but a listed field of the same entry or line has none."),
        "required_group": LocalizedText(
            zhTW: "整份證書中沒有任何一筆資料填了列出的欄位（例如沒有任何貨櫃號碼）。",
            en: "No entry of the certificate has the listed field (no container number at all, for example)."),
        "format": LocalizedText(
            zhTW: "欄位的值無法依其型態解讀（日期、數字、重量等）。",
            en: "A value that its field type cannot parse: a date, a number, a weight."),
        "positive": LocalizedText(
            zhTW: "數量或重量為零或負數。", en: "A number that is zero or less."),
        "range": LocalizedText(
            zhTW: "數值不在 params.min 到 params.max 之間（含兩端）。",
            en: "A number outside params.min to params.max, both included."),
        "max_length": LocalizedText(
            zhTW: "值超過 params.max 個字元。", en: "A value longer than params.max characters."),
        "pattern": LocalizedText(
            zhTW: "正規化後的值不完全符合 params.pattern 正規表示式。",
            en: "A normalised value that does not match the regular expression params.pattern as a whole."),
        "code_list": LocalizedText(
            zhTW: "代碼欄位的值不在其代碼表中。", en: "A value of a code field that is not in its code list."),
        "member_of": LocalizedText(
            zhTW: "值（或其前 params.prefix_length 個字元）不是代碼表 params.list 中的代碼。",
            en: "A value, or its first params.prefix_length characters, that is not a code of the list params.list."),
        "allowed_values": LocalizedText(
            zhTW: "值不是 params.values 之一。", en: "A value that is not one of params.values."),
        "species_code": LocalizedText(
            zhTW: "學名不在 FAO ASFIS 物種表中；「屬名 spp.」在屬名存在時通過。",
            en: "A scientific name not in the FAO ASFIS list; 'Genus spp.' passes when the genus exists."),
        "iso6346_format": LocalizedText(
            zhTW: "貨櫃號碼不是 3 個字母、U/J/Z 加 7 位數字（ISO 6346）。",
            en: "A container number that is not 3 letters, U, J or Z and 7 digits (ISO 6346)."),
        "iso6346_check_digit": LocalizedText(
            zhTW: "貨櫃號碼的 ISO 6346 檢查碼錯誤。", en: "A container number with the wrong ISO 6346 check digit."),
        "imo_format": LocalizedText(
            zhTW: "IMO 船舶識別碼不是 IMO 加 7 位數字。", en: "An IMO number that is not IMO and 7 digits."),
        "imo_check_digit": LocalizedText(
            zhTW: "IMO 船舶識別碼的檢查碼錯誤（前 6 位乘以 7 至 2 之和的個位數）。",
            en: "An IMO number whose last digit is not the sum of the first six weighted 7 to 2, mod 10."),
        "cn_code_format": LocalizedText(
            zhTW: "CN 號列不是 4、6 或 8 位數字。", en: "A CN code that is not 4, 6 or 8 digits."),
        "cn_code_excel_damage": LocalizedText(
            zhTW: "CN 號列只有 3、5 或 7 位數字：試算表刪去了開頭的 0。",
            en: "A CN code of 3, 5 or 7 digits: a spreadsheet removed its leading zero."),
        "cn_code_hs": LocalizedText(
            zhTW: "CN 號列的 HS 6 位數子目不在 HS 2022 表中。", en: "A CN code whose HS-6 subheading is not in HS 2022."),
        "cn_model_covered": LocalizedText(
            zhTW: "HS 2022 中存在的號列，但此規則包沒有任何證書格式涵蓋。",
            en: "A CN code known to HS 2022 that no certificate model of the pack covers."),
        "species_for_cn": LocalizedText(
            zhTW: "學名的屬不在該行 HS 子目文字所列的屬中（子目文字有列出屬時）。",
            en: "A species whose genus is not among the genera the HS text of the line's subheading names, where it names any."),
        "model_conflict": LocalizedText(
            zhTW: "同一份證書中各行的號列沒有共同的證書格式。", en: "Lines of one certificate whose CN codes allow no common model."),
        "model_declared": LocalizedText(
            zhTW: "檔案指定的證書格式不存在，或不適用於某行的號列。",
            en: "A certificate model named in the file that the pack does not know or that a line's code does not allow."),
        "attachment_files": LocalizedText(
            zhTW: "附件檔案不存在，或位於檔案所在資料夾以外。",
            en: "An attached file that is missing or lies outside the consignment file's folder."),
        "attachment_cap": LocalizedText(
            zhTW: "一份證書的附件合計超過 params.max_bytes 位元組。",
            en: "The attached files of one certificate together exceed params.max_bytes bytes."),
        "date_order": LocalizedText(
            zhTW: "params.later 的日期早於 params.earlier 的日期。", en: "A params.later date before the params.earlier date."),
        "gross_not_below_net": LocalizedText(
            zhTW: "總毛重小於各行淨重的合計。", en: "A total gross weight below the sum of the lines' net weights."),
        "declared_total": LocalizedText(
            zhTW: "檔案填寫的總計與各行合計不同。", en: "A declared total that differs from the sum of the lines."),
        "notice": LocalizedText(
            zhTW: "符合 when 條件的每份證書提醒一次，報告在第一個列出的欄位。",
            en: "A reminder, once per certificate that meets the when condition, at the first listed field."),
    ]

    private static let events: [String: LocalizedText] = [
        EventName.decodedFrom: LocalizedText(
            zhTW: "檔案以 CP950、UTF-16LE 或 UTF-16BE 讀取，而不是 UTF-8。",
            en: "The file was read as CP950, UTF-16LE or UTF-16BE, not UTF-8."),
        EventName.undecodableBytes: LocalizedText(
            zhTW: "有位元組無法以讀取所用的編碼解讀。", en: "A byte is not valid in the encoding the file was read as."),
        EventName.emptyFile: LocalizedText(zhTW: "檔案沒有標題列。", en: "The file has no header row."),
        EventName.fileTooLarge: LocalizedText(
            zhTW: "檔案超過可讀取的大小上限，未讀取。", en: "The file is over the size limit and was not read."),
        EventName.unsupportedFormat: LocalizedText(
            zhTW: "副檔名不是可讀取的格式。", en: "The file's extension is not a format TracesPrep reads."),
        EventName.unclosedQuote: LocalizedText(
            zhTW: "檔案結束時仍有未關閉的引號。", en: "A quoted cell is still open at the end of the file."),
        EventName.strayQuote: LocalizedText(
            zhTW: "未加引號的儲存格中有引號，或結束引號後還有文字。",
            en: "A quote inside an unquoted cell, or text after a closing quote."),
        EventName.unknownHeader: LocalizedText(zhTW: "標題不對應任何欄位。", en: "A header that names no field."),
        EventName.duplicateHeader: LocalizedText(
            zhTW: "同一欄位有第二個標題。", en: "A second header for a field that another header already names."),
        EventName.tooManyCells: LocalizedText(
            zhTW: "某列的儲存格比標題列多。", en: "A row has non-blank cells beyond the header's width."),
        EventName.noDataRows: LocalizedText(zhTW: "只有標題列，沒有資料列。", en: "A header row and no data rows."),
        EventName.missingReference: LocalizedText(
            zhTW: "某列沒有參考證書號碼，上方也沒有可接續的證書。",
            en: "A row without a certificate reference and no certificate above it."),
        EventName.rowConflict: LocalizedText(
            zhTW: "同一份證書的兩列在證書層級欄位填了不同的值。",
            en: "Two rows of one certificate disagree on a consignment-level field."),
        EventName.normalized: LocalizedText(
            zhTW: "檢查前改寫了值（全形轉半形、民國年、單位換算等）。",
            en: "A value was rewritten before the checks: full-width forms, ROC dates, units."),
        EventName.originFromConsignor: LocalizedText(
            zhTW: "沒有已登錄的製造工廠，也沒有來源國，因此以出口人國家為來源國。",
            en: "No listed plant and no country of origin, so the consignor's country is used."),
        EventName.originMismatch: LocalizedText(
            zhTW: "來源國與第一個已登錄製造工廠的國家不同。",
            en: "The country of origin differs from the country of the first listed plant."),
        EventName.unknownEstablishment: LocalizedText(
            zhTW: "製造工廠不在 establishments.json 中。", en: "A manufacturing plant that is not in establishments.json."),
        EventName.xmlEncodingUnsupported: LocalizedText(
            zhTW: "XML 宣告的字元編碼無法讀取，檔案未讀取。",
            en: "The XML declares a character encoding that cannot be read, so the file was not read."),
        EventName.xmlDecodedFrom: LocalizedText(
            zhTW: "XML 不是 UTF-8，已依宣告的編碼轉換後讀取。",
            en: "The XML is not UTF-8 and was converted from its declared encoding."),
        EventName.xmlUndecodableBytes: LocalizedText(
            zhTW: "XML 有無法以宣告的編碼解讀的位元組。",
            en: "The XML has bytes that are not valid in its declared encoding."),
        EventName.xmlEncodingError: LocalizedText(
            zhTW: "libxml2 無法解讀某處的字元。",
            en: "libxml2 could not decode the characters at some position."),
        EventName.xmlNotWellFormed: LocalizedText(
            zhTW: "XML 不是格式正確的 XML，檔案無法讀到結尾。",
            en: "The XML is not well-formed, so the file could not be read to the end."),
        EventName.xmlWarning: LocalizedText(
            zhTW: "libxml2 對檔案提出警告。",
            en: "libxml2 warned about the file."),
        EventName.xmlDoctype: LocalizedText(
            zhTW: "XML 含有 DOCTYPE，基於安全一律拒絕。",
            en: "The XML has a DOCTYPE, which is always rejected for safety."),
        EventName.xmlExternalRejected: LocalizedText(
            zhTW: "XML 要求載入外部資源，已拒絕且未讀取任何外部內容。",
            en: "The XML asked to load an external resource; the request was rejected and nothing was read."),
        EventName.xmlTooDeep: LocalizedText(
            zhTW: "XML 元素巢狀層數超過上限。",
            en: "The XML nests elements deeper than the limit."),
        EventName.xmlTooManyNodes: LocalizedText(
            zhTW: "XML 的節點數超過上限。",
            en: "The XML has more nodes than the limit."),
        EventName.xmlTooManyAttributes: LocalizedText(
            zhTW: "XML 一個標籤的屬性數超過上限。",
            en: "An XML tag has more attributes than the limit."),
        EventName.xmlTextTooLong: LocalizedText(
            zhTW: "XML 某段文字超過長度上限。",
            en: "An XML text node is longer than the limit."),
        EventName.xmlParserFailure: LocalizedText(
            zhTW: "libxml2 無法讀取此檔案。",
            en: "libxml2 could not read the file."),
        EventName.xmlSchemaInvalid: LocalizedText(
            zhTW: "出口資料 XML 不符合 Rules/xml/consignments.xsd。",
            en: "The consignment XML does not match Rules/xml/consignments.xsd."),
        EventName.xmlMoreProblems: LocalizedText(
            zhTW: "XML 問題太多，只列出前面幾項。",
            en: "The XML has more problems than are listed one by one."),
        EventName.xmlUnknownRoot: LocalizedText(
            zhTW: "XML 的根元素既不是出口資料也不是 SPS 證書。",
            en: "The XML root is neither consignment XML nor an SPS certificate."),
        EventName.xmlNoConsignments: LocalizedText(
            zhTW: "XML 沒有任何證書資料。",
            en: "The XML holds no consignment."),
        EventName.xmlUnknownElement: LocalizedText(
            zhTW: "XML 元素不是任何欄位。",
            en: "An XML element names no field."),
        EventName.xmlMisplacedField: LocalizedText(
            zhTW: "欄位元素放在不屬於它的群組中。",
            en: "A field element stands in a group it does not belong to."),
        EventName.xmlDuplicateField: LocalizedText(
            zhTW: "同一欄位在同一群組中出現兩次。",
            en: "A field element appears twice in one group."),
        EventName.xmlMisplacedText: LocalizedText(
            zhTW: "文字放在只應包含元素的地方。",
            en: "Text stands where only elements belong."),
        EventName.xmlMissingReference: LocalizedText(
            zhTW: "XML 中的證書沒有參考證書號碼。",
            en: "A consignment in the XML has no certificate reference."),
        EventName.xmlDuplicateReference: LocalizedText(
            zhTW: "同一參考證書號碼在 XML 中出現兩次。",
            en: "Two consignments in the XML have the same certificate reference."),
        EventName.spsNoteIgnored: LocalizedText(
            zhTW: "SPS 證書中無法對應到欄位的註記未使用。",
            en: "A note of the SPS certificate that maps to no field was not used."),
        EventName.xlsxUnreadable: LocalizedText(
            zhTW: "活頁簿無法讀取（壓縮檔或 XML 損壞）。",
            en: "The workbook cannot be read: its ZIP archive or XML is damaged."),
        EventName.xlsxTooLarge: LocalizedText(
            zhTW: "活頁簿解壓後超過大小上限，未讀取。",
            en: "The workbook exceeds a size limit once uncompressed, so it was not read."),
        EventName.xlsFormat: LocalizedText(
            zhTW: "舊版 Excel（.xls）格式無法讀取，請另存為 .xlsx 或 CSV。",
            en: "The old Excel format (.xls) cannot be read; save it as .xlsx or CSV."),
        EventName.sheetChosen: LocalizedText(
            zhTW: "活頁簿有多個工作表，說明讀取的是哪一個。",
            en: "The workbook has several sheets; this says which one was read."),
        EventName.emptyColumnsDropped: LocalizedText(
            zhTW: "試算表附加在後面的空白欄已略過。",
            en: "Empty columns a spreadsheet appended were dropped."),
        EventName.emptyRowsDropped: LocalizedText(
            zhTW: "試算表附加在後面的空白列已略過。",
            en: "Empty rows a spreadsheet appended were dropped."),
        EventName.cccCodeReduced: LocalizedText(
            zhTW: "臺灣 CCC 號列只取前 6 位 HS 號列檢查，CN 號列仍須確認。",
            en: "A Taiwanese CCC code was checked by its HS-6 prefix only; the CN code must still be confirmed."),
        EventName.modelChoice: LocalizedText(
            zhTW: "有多種證書格式適用，TracesPrep 選了其中一種。",
            en: "Several certificate models allow the lines and TracesPrep chose one."),
        EventName.extraDocumentFiles: LocalizedText(
            zhTW: "一份文件列了多個檔案，只有第一個會印在證書上。",
            en: "A document names more than one file; only the first is printed on the certificate."),
    ]
}

extension EventName {
    /// Placeholders each event fills beyond the common ones, so `rules check` can verify templates.
    /// An event missing here fills none of its own.
    public static let placeholders: [String: [String]] = [
        decodedFrom: ["encoding"],
        undecodableBytes: ["encoding"],
        fileTooLarge: ["max"],
        duplicateHeader: ["other", "column_number"],
        tooManyCells: ["count"],
        rowConflict: ["other_value", "other_line"],
        originMismatch: ["establishment"],
        modelChoice: ["models"],
        emptyColumnsDropped: ["count"],
        emptyRowsDropped: ["count"],
        sheetChosen: ["count", "sheets"],
        xlsxTooLarge: ["reason_en", "reason_zh"],
        xlsxUnreadable: ["reason_en", "reason_zh"],
        xmlDecodedFrom: ["encoding"],
        xmlDuplicateField: ["other_line", "parent"],
        xmlDuplicateReference: ["other_line"],
        xmlEncodingError: ["detail", "where"],
        xmlExternalRejected: ["detail"],
        xmlMisplacedField: ["group", "parent"],
        xmlMisplacedText: ["parent"],
        xmlMoreProblems: ["max"],
        xmlNotWellFormed: ["detail", "where"],
        xmlParserFailure: ["detail"],
        xmlSchemaInvalid: ["detail"],
        xmlTextTooLong: ["max"],
        xmlTooDeep: ["max"],
        xmlTooManyAttributes: ["max"],
        xmlTooManyNodes: ["max"],
        xmlUndecodableBytes: ["encoding"],
        xmlUnknownElement: ["parent"],
        xmlUnknownRoot: ["namespace"],
        xmlWarning: ["detail", "where"],
    ]
}
