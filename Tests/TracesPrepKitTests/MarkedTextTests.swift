import Testing

@Suite("MarkedText")
struct MarkedTextTests {
    @Test("mark after a cell gives its line and header")
    func cellMark() {
        let fixture = MarkedText("a,b,c\n1,2⟦some-rule⟧,3\n")

        #expect(fixture.text == "a,b,c\n1,2,3\n")
        #expect(fixture.marks == [Mark(label: "some-rule", line: 2, column: "b")])
    }

    @Test("quoted line feed moves the next record's line")
    func quotedLineFeed() {
        let fixture = MarkedText("a,b\n\"x\ny\",\"say \"\"hi\"\", ok\"\n1,2⟦r⟧\n")

        #expect(fixture.marks == [Mark(label: "r", line: 4, column: "b")])
    }

    @Test("row mark has no column")
    func rowMark() {
        let fixture = MarkedText("a;b\r1;2;3⟦row: too-many⟧\r", delimiter: ";")

        #expect(fixture.text == "a;b\r1;2;3\r")
        #expect(fixture.marks == [Mark(label: "too-many", line: 2, column: nil)])
    }

    @Test("header mark and CRLF line ends")
    func headerMark() {
        let fixture = MarkedText("a,Remarks⟦unknown-header⟧\r\n1,2\r\n\r\n3,4⟦x y⟧\r\n")

        #expect(fixture.marks == [
            Mark(label: "unknown-header", line: 1, column: "Remarks"),
            Mark(label: "x y", line: 4, column: "Remarks"),
        ])
        #expect(fixture.marks.last?.rule == "x")
    }
}
