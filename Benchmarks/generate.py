#!/usr/bin/env python3
"""Generate consignment files for the benchmark, with injected faults and a truth file.

Writes N commodity lines, 1 to 4 per consignment on contiguous rows, in the CSV layout of the
field catalogue (field ids as headers) or as consignment XML. Every mandatory field is filled and
manufacturing plants come from Rules/establishments.json. Container and IMO numbers carry correct
check digits, and each species goes with a CN code whose HS text names its genus or no genus. A
file generated with --fault-rate 0 therefore gives no finding with the bsmi-2020 rule pack.

Faults are drawn per consignment: a consignment of k lines gets exactly one fault with
probability fault_rate * k (at most 1), so faults / lines is close to the fault rate. The fault
draws come from their own random stream and always consume the same numbers, so the same seed
with --fault-rate 0 writes the fault-free twin: the same file except the faulty values.

Truth file: one JSON object per injected fault, in file order:
  {"line": 17, "consignment": "KH-2027-000006", "field": "container_number",
   "rule": "container-number-check-digit", "kind": "check-digit", "fault": "container-check-digit"}
"line" is the physical line (1-based) where the finding is expected: for CSV the row of the
faulty value, or the consignment's first row for a consignment-level value; for XML the line of
the faulty element, or of the enclosing <consignment> or <line> when the fault removes an element.

Uses the Python 3 standard library only.
"""

import argparse
import datetime
import json
import os
import random
import sys

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Column order of the CSV file. Consignment-level columns come first, then the container and
# document columns (one of each per row at most), then the commodity-line columns.
CONSIGNMENT_FIELDS = [
    "certificate_reference", "consignor_name", "consignor_address", "consignor_country",
    "consignee_name", "consignee_address", "consignee_country", "country_of_destination",
    "place_of_dispatch_name", "place_of_dispatch_address", "place_of_loading",
    "departure_datetime", "arrival_date", "transport_mode", "transport_identification",
    "imo_number", "flag_state", "voyage_number", "entry_bcp", "transport_conditions",
    "certified_as", "purpose", "total_gross_weight", "certificate_model",
]
CONTAINER_FIELDS = ["container_number", "seal_number"]
DOCUMENT_FIELDS = ["document_type", "document_number", "document_country"]
LINE_FIELDS = [
    "cn_code", "species", "nature_of_commodity", "treatment_type", "manufacturing_plant",
    "package_count", "package_type", "net_weight", "batch_number",
]
HEADER = CONSIGNMENT_FIELDS + CONTAINER_FIELDS + DOCUMENT_FIELDS + LINE_FIELDS

# Invented Taiwanese exporters: name, address, branch prefix of the certificate reference,
# place of loading for sea freight.
EXPORTERS = [
    ("Formosa Aquatic Products Co., Ltd.", "No. 88, Yugang 1st Rd., Qianzhen Dist., Kaohsiung City 806", "KH", "TWKHH"),
    ("福爾摩沙水產股份有限公司", "高雄市前鎮區漁港一路88號", "KH", "TWKHH"),
    ("Kaohsiung Ocean Harvest Corp.", "No. 3, Haiyi Rd., Qianzhen Dist., Kaohsiung City 806", "KH", "TWKHH"),
    ("Pingtung Tilapia Farms Co., Ltd.", "No. 120, Sec. 2, Zhongshan Rd., Donggang Township, Pingtung County 928", "KH", "TWKHH"),
    ("Keelung Harbour Foods Co., Ltd.", "No. 5, Zhongzheng Rd., Zhongzheng Dist., Keelung City 202", "KL", "TWKEL"),
    ("基隆海港食品有限公司", "基隆市中正區中正路5號", "KL", "TWKEL"),
    ("Taichung Blue Sea Trading Co., Ltd.", "No. 18, Linhai Rd., Wuqi Dist., Taichung City 435", "TC", "TWTXG"),
    ("Hualien Pacific Fisheries Co., Ltd.", "No. 6, Haian Rd., Hualien City, Hualien County 970", "HL", "TWHUN"),
]

# Invented EU importers: name, address, country, entry border control post by sea, by air.
IMPORTERS = [
    ("Noordkaap Seafood Trading B.V.", "Kadeweg 12, 3089 JJ Rotterdam", "NL", "NLRTM1", "NLAMS4"),
    ("Zeeland Vis Import B.V.", "Havenstraat 4, 4381 AA Vlissingen", "NL", "NLRTM1", "NLAMS4"),
    ("Hanseatische Fischhandel GmbH", "Große Elbstraße 145, 22767 Hamburg", "DE", "DEHAM1", "DEFRA4"),
    ("Nordsee Feinkost Import GmbH", "Am Sandtorkai 40, 20457 Hamburg", "DE", "DEBRV1", "DEFRA4"),
    ("Scheldt Seafood N.V.", "Noorderlaan 90, 2030 Antwerpen", "BE", "BEANR1", "NLAMS4"),
    ("Marée Atlantique S.A.S.", "12 quai de Southampton, 76600 Le Havre", "FR", "FRLEH1", "FRCDG4"),
    ("Pescados del Estrecho S.L.", "Avenida del Puerto 7, 11207 Algeciras", "ES", "ESALG1", "FRCDG4"),
    ("Levante Frutti di Mare S.r.l.", "Via del Molo 22, 16128 Genova", "IT", "ITGOA1", "FRCDG4"),
    ("Aegean Fish Imports S.A.", "Akti Miaouli 31, 185 35 Piraeus", "GR", "GRPIR1", "FRCDG4"),
    ("Bałtyk Ryby Sp. z o.o.", "ul. Przemysłowa 8, 80-542 Gdańsk", "PL", "PLGDN1", "DEFRA4"),
]

# Products: CN code, species, nature, treatment, package type, kg per package, batch prefix,
# transport conditions, certificate model. Each HS subheading text names the species' genus or
# names no genus at all, so the species/CN check passes.
FROZEN_PRODUCTS = [
    ("03046100", "Oreochromis niloticus", "Farmed stock", "Frozen", "CT", "10", "TL", "fishery"),
    ("03061792", "Penaeus vannamei", "Farmed stock", "Frozen", "CT", "12", "SH", "fishery"),
    ("03048700", "Katsuwonus pelamis", "Wild stock", "Frozen", "CT", "20", "SF", "fishery"),
    ("03034220", "Thunnus albacares", "Wild stock", "Frozen", "PK", "25", "YW", "fishery"),
    ("03034390", "Katsuwonus pelamis", "Wild stock", "Frozen", "BG", "20", "SJ", "fishery"),
    ("03034490", "Thunnus obesus", "Wild stock", "Frozen", "PK", "25", "BE", "fishery"),
    ("03048400", "Xiphias gladius", "Wild stock", "Frozen", "CT", "15", "SW", "fishery"),
    ("03038990", "Coryphaena hippurus", "Wild stock", "Frozen", "CT", "20", "MM", "fishery"),
    ("03074392", "Illex argentinus", "Wild stock", "Frozen", "BX", "10", "SQ", "fishery"),
    ("03032600", "Anguilla japonica", "Farmed stock", "Frozen", "CT", "10", "EL", "fishery"),
]
CANNED_PRODUCTS = [
    ("16041519", "Scomber japonicus", "Wild stock", "Canned", "CT", "8.5", "CM", "fishery"),
]
COOKED_PRODUCTS = [
    ("16052190", "Penaeus vannamei", "Farmed stock", "Cooked", "CT", "6", "CS", "fishery"),
]
COMPOSITE_PRODUCTS = [
    ("16042090", "Nemipterus virgatus", "Wild stock", "Frozen", "CT", "10", "FB", "composite"),
]

SEA_CARRIERS = ["EMCU", "EGHU", "CSQU", "TGHU", "WHLU", "YMLU", "TCNU", "MSCU"]
VESSEL_NAMES = [
    "FORMOSA STAR", "EVER GIVEN LIGHT", "YM WELLNESS", "WAN HAI 316", "EVER ACE",
    "YM TRIUMPH", "EVER GOLDEN", "WAN HAI 512", "YM UNIFORMITY", "EVER LUNAR",
]
FLIGHTS = ["CI 0065", "BR 0087", "CI 0061", "BR 0075", "CI 5241"]

# Fault kinds: name, the rule and kind the finding must carry.
FAULTS = {
    "container-check-digit": ("container-number-check-digit", "check-digit"),
    "missing-consignment-value": ("mandatory-consignment", "missing"),
    "missing-line-value": ("mandatory-line", "missing"),
    "missing-fishery-line-value": ("mandatory-line-fishery", "missing"),
    "unknown-country": ("code-list", "unknown-code"),
    "gross-below-net": ("gross-below-net", "inconsistent"),
    "cn-code-unknown-hs": ("cn-code-unknown", "unknown-code"),
    "cn-code-no-model": ("cn-code-no-model", "not-allowed"),
}
FAULT_ORDER = list(FAULTS)
MISSING_CONSIGNMENT_FIELDS = [
    "consignor_address", "consignee_name", "consignee_address", "place_of_dispatch_name",
    "departure_datetime", "transport_identification", "entry_bcp",
]
MISSING_LINE_FIELDS = ["nature_of_commodity", "package_count", "package_type"]
MISSING_FISHERY_LINE_FIELDS = ["species", "treatment_type"]
UNKNOWN_COUNTRIES = ["ZZ", "XX", "QZ", "XY"]
COUNTRY_FIELDS = ["consignor_country", "consignee_country"]
# CN codes of the bivalves and land snails that the bsmi-2020 pack excludes from every model.
NO_MODEL_CODES = ["03077100", "03073210", "16055600", "03076000"]

def iso6346_letter_values():
    """Letter values of ISO 6346: A=10 upwards, skipping multiples of 11."""
    values, value = {}, 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        values[letter] = value
        value += 1
    return values


ISO6346_LETTER_VALUES = iso6346_letter_values()


def iso6346_check_digit(first_ten):
    """Return the ISO 6346 check digit of owner code, category and serial, or None for remainder 10.

    Remainder 10 gives check digit 0, the same as remainder 0, and ISO 6346 recommends against
    such serials, so the generator skips them.
    """
    total = 0
    for position, char in enumerate(first_ten):
        value = ISO6346_LETTER_VALUES[char] if char.isalpha() else int(char)
        total += value << position
    remainder = total % 11
    return None if remainder == 10 else remainder


def imo_number(rng):
    """Return a random IMO number with a correct check digit (weights 7 to 2, sum mod 10)."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(5)]
    check = sum(d * w for d, w in zip(digits, range(7, 1, -1))) % 10
    return "IMO" + "".join(map(str, digits)) + str(check)


def container_number(rng):
    while True:
        first_ten = rng.choice(SEA_CARRIERS) + "%06d" % rng.randint(0, 999999)
        check = iso6346_check_digit(first_ten)
        if check is not None:
            return first_ten + str(check)


def load_plants():
    """Approval numbers of processing plants (activity PP) in Rules/establishments.json."""
    with open(os.path.join(REPOSITORY, "Rules", "establishments.json"), encoding="utf-8") as handle:
        entries = json.load(handle)["entries"]
    plants = [e["approval_number"] for e in entries if "PP" in e.get("activities", [])]
    if not plants:
        sys.exit("generate.py: Rules/establishments.json lists no processing plant (activity PP)")
    return plants


def load_unknown_subheadings(codes):
    """For each CN code, an 8-digit code of the same HS heading whose HS-6 subheading is not in
    Rules/codelists/hs2022.json."""
    with open(os.path.join(REPOSITORY, "Rules", "codelists", "hs2022.json"), encoding="utf-8") as handle:
        known = {e["code"] for e in json.load(handle)["entries"]}
    result = {}
    for code in codes:
        heading = code[:4]
        for suffix in range(0, 100):
            candidate = "%s%02d" % (heading, suffix)
            if candidate not in known:
                result[code] = candidate + code[6:]
                break
    return result


# MARK: - Data model


class Consignment:
    __slots__ = ("fields", "lines", "containers", "line_containers", "document", "fill_down",
                 "model", "fault")

    def __init__(self):
        self.fields = {}
        self.lines = []
        self.containers = []        # [(container_number, seal_number)]
        self.line_containers = []   # index into containers for each line, or None
        self.document = None        # {document field: value}
        self.fill_down = False
        self.model = "fishery"
        self.fault = None           # (fault name, field, line index or None)


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        # Faults use their own stream so that the data stream is the same at every fault rate.
        self.fault_rng = random.Random(seed * 1000003 + 17)
        self.plants = load_plants()
        all_products = FROZEN_PRODUCTS + CANNED_PRODUCTS + COOKED_PRODUCTS + COMPOSITE_PRODUCTS
        self.unknown_hs = load_unknown_subheadings(sorted({p[0] for p in all_products}))
        self.vessels = [(name, imo_number(self.rng)) for name in VESSEL_NAMES]
        self.start = datetime.datetime(2027, 1, 4, 18, 0)

    def consignments(self, total_lines, width):
        """Yield consignments until they hold total_lines commodity lines."""
        written = 0
        number = 0
        while written < total_lines:
            number += 1
            count = min(self.rng.randint(1, 4), total_lines - written)
            consignment = self.consignment(number, count, width)
            written += count
            yield consignment

    def consignment(self, number, count, width):
        rng = self.rng
        exporter = rng.choice(EXPORTERS)
        importer = rng.choice(IMPORTERS)
        by_air = rng.random() < 0.1
        kind = rng.random()
        if by_air:
            products = [p for p in FROZEN_PRODUCTS if p[0] in ("03046100", "03048700", "03048400")]
        elif kind < 0.1:
            products = COMPOSITE_PRODUCTS
        elif kind < 0.15:
            products = CANNED_PRODUCTS
        elif kind < 0.2:
            products = COOKED_PRODUCTS
        else:
            products = FROZEN_PRODUCTS

        c = Consignment()
        c.model = products[0][7]
        departure = self.start + datetime.timedelta(hours=6 * (number % 2000) + rng.randint(0, 5))
        if by_air:
            arrival = departure + datetime.timedelta(days=1)
        else:
            arrival = departure + datetime.timedelta(days=rng.randint(28, 42))
        if rng.random() < 0.5:
            departure_text = departure.strftime("%Y/%m/%d %H:%M")
            arrival_text = arrival.strftime("%Y/%m/%d")
        else:
            departure_text = departure.strftime("%Y-%m-%d %H:%M")
            arrival_text = arrival.strftime("%Y-%m-%d")

        plant = rng.choice(self.plants)
        f = c.fields
        f["certificate_reference"] = "%s-2027-%0*d" % (exporter[2], width, number)
        f["consignor_name"] = exporter[0]
        f["consignor_address"] = exporter[1]
        f["consignor_country"] = "TW"
        f["consignee_name"] = importer[0]
        f["consignee_address"] = importer[1]
        f["consignee_country"] = importer[2]
        f["country_of_destination"] = importer[2]
        f["place_of_dispatch_name"] = exporter[0] + " plant " + plant
        f["place_of_dispatch_address"] = exporter[1]
        f["departure_datetime"] = departure_text
        f["arrival_date"] = arrival_text
        f["certified_as"] = "Human consumption"
        f["purpose"] = "internal market"
        if by_air:
            f["place_of_loading"] = "TWKHH" if exporter[2] == "KH" else "TPE"
            f["transport_mode"] = "Airplane"
            f["transport_identification"] = rng.choice(FLIGHTS)
            f["imo_number"] = ""
            f["flag_state"] = ""
            f["voyage_number"] = ""
            f["entry_bcp"] = importer[4]
        else:
            vessel = rng.choice(self.vessels)
            f["place_of_loading"] = exporter[3]
            f["transport_mode"] = "Vessel"
            f["transport_identification"] = vessel[0]
            f["imo_number"] = vessel[1]
            f["flag_state"] = "TW"
            f["voyage_number"] = "%03dW" % rng.randint(1, 999)
            f["entry_bcp"] = importer[3]
        f["transport_conditions"] = "Ambient" if products is CANNED_PRODUCTS else "Frozen"
        # CN 1604 20 is allowed under both models, so composite consignments name theirs.
        f["certificate_model"] = "composite" if c.model == "composite" else ""

        total_net = 0.0
        for index in range(count):
            product = rng.choice(products)
            packages = rng.randint(20, 1200)
            net = packages * float(product[5])
            total_net += net
            c.lines.append({
                "cn_code": product[0],
                "species": product[1],
                "nature_of_commodity": product[2],
                "treatment_type": product[3],
                "manufacturing_plant": plant,
                "package_count": str(packages),
                "package_type": product[4],
                "net_weight": format_number(net),
                "batch_number": "%s%02d%02d%02d" % (product[6], departure.year % 100, departure.month, index + 1),
            })
        f["total_gross_weight"] = format_number(round(total_net * rng.uniform(1.04, 1.12)))

        if by_air:
            c.line_containers = [None] * count
            c.document = {"document_type": "Air waybill",
                          "document_number": "297-%08d" % rng.randint(0, 99999999),
                          "document_country": "TW"}
        else:
            c.containers = [(container_number(rng), "TW%07d" % rng.randint(0, 9999999))]
            c.line_containers = [0] * count
            c.document = {"document_type": "Bill of lading",
                          "document_number": "BL-%s-%07d" % (f["place_of_loading"][2:], rng.randint(0, 9999999)),
                          "document_country": "TW"}
        # Spreadsheets with merged cells leave consignment-level cells blank after the first row.
        c.fill_down = count > 1 and rng.random() < 0.25
        return c

    def maybe_inject(self, c, fault_rate):
        """Inject at most one fault, drawing the same four numbers whatever the rate."""
        chance, kind_draw, choice_draw, line_draw = (self.fault_rng.random() for _ in range(4))
        if chance >= fault_rate * len(c.lines):
            return
        line_index = int(line_draw * len(c.lines))
        line = c.lines[line_index]
        fault = FAULT_ORDER[int(kind_draw * len(FAULT_ORDER))]
        if fault == "container-check-digit" and not c.containers:
            fault = "gross-below-net"
        if fault == "missing-fishery-line-value" and c.model != "fishery":
            fault = "missing-line-value"
        if fault.startswith("cn-code") and c.fields["certificate_model"]:
            # A bad CN code under a declared model also makes that model not allowed, a second
            # error, so consignments that name their model get another fault.
            fault = "gross-below-net"

        if fault == "container-check-digit":
            number, seal = c.containers[0]
            correct = int(number[10])
            wrong = (correct + 1 + int(choice_draw * 9)) % 10
            c.containers.append((number[:10] + str(wrong), seal))
            c.line_containers[line_index] = len(c.containers) - 1
            c.fault = (fault, "container_number", line_index)
        elif fault == "missing-consignment-value":
            field = pick(MISSING_CONSIGNMENT_FIELDS, choice_draw)
            c.fields[field] = ""
            c.fault = (fault, field, None)
        elif fault == "missing-line-value":
            field = pick(MISSING_LINE_FIELDS, choice_draw)
            line[field] = ""
            c.fault = (fault, field, line_index)
        elif fault == "missing-fishery-line-value":
            field = pick(MISSING_FISHERY_LINE_FIELDS, choice_draw)
            line[field] = ""
            c.fault = (fault, field, line_index)
        elif fault == "unknown-country":
            field = pick(COUNTRY_FIELDS, choice_draw)
            c.fields[field] = pick(UNKNOWN_COUNTRIES, line_draw)
            c.fault = (fault, field, None)
        elif fault == "gross-below-net":
            total_net = sum(float(l["net_weight"]) for l in c.lines)
            c.fields["total_gross_weight"] = format_number(round(total_net * (0.80 + 0.15 * choice_draw)))
            c.fault = (fault, "total_gross_weight", None)
        elif fault == "cn-code-unknown-hs":
            line["cn_code"] = self.unknown_hs[line["cn_code"]]
            c.fault = (fault, "cn_code", line_index)
        elif fault == "cn-code-no-model":
            line["cn_code"] = pick(NO_MODEL_CODES, choice_draw)
            c.fault = (fault, "cn_code", line_index)


def pick(values, draw):
    return values[int(draw * len(values))]


def format_number(value):
    """Format a decimal as an exporter writes it: no trailing .0, at most two decimals."""
    if value == int(value):
        return str(int(value))
    return ("%.2f" % value).rstrip("0")


def truth_record(c, line, field):
    rule, kind = FAULTS[c.fault[0]]
    return {"line": line, "consignment": c.fields["certificate_reference"], "field": field,
            "rule": rule, "kind": kind, "fault": c.fault[0]}


# MARK: - CSV


def csv_cell(value):
    if "," in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def write_csv(generator, total_lines, fault_rate, width, out, truth):
    out.write(",".join(HEADER) + "\n")
    row_number = 1
    blank_consignment = "," * (len(CONSIGNMENT_FIELDS) - 1)
    blank_document = "," * (len(DOCUMENT_FIELDS) - 1)
    buffer = []
    for c in generator.consignments(total_lines, width):
        generator.maybe_inject(c, fault_rate)
        first_row = row_number + 1
        full = ",".join(csv_cell(c.fields[name]) for name in CONSIGNMENT_FIELDS)
        # Fill-down rows keep the certificate reference and leave the other consignment cells blank.
        later = csv_cell(c.fields["certificate_reference"]) + blank_consignment if c.fill_down else full
        document = ",".join(csv_cell(c.document[name]) for name in DOCUMENT_FIELDS)
        for index, line in enumerate(c.lines):
            row_number += 1
            slot = c.line_containers[index]
            container = "%s,%s" % c.containers[slot] if slot is not None else ","
            buffer.append(",".join((
                full if index == 0 else later,
                container,
                document if index == 0 else blank_document,
                ",".join(csv_cell(line[name]) for name in LINE_FIELDS),
            )))
        if c.fault is not None:
            _, field, line_index = c.fault
            line = first_row if line_index is None else first_row + line_index
            truth.write(json.dumps(truth_record(c, line, field), ensure_ascii=False) + "\n")
        if len(buffer) >= 4096:
            out.write("\n".join(buffer) + "\n")
            buffer.clear()
    if buffer:
        out.write("\n".join(buffer) + "\n")


# MARK: - XML


def xml_text(value):
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_xml(generator, total_lines, fault_rate, width, out, truth):
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<consignments>\n')
    line_number = 2
    chunks = []
    for c in generator.consignments(total_lines, width):
        generator.maybe_inject(c, fault_rate)
        fault_name, fault_field, fault_line = c.fault if c.fault else (None, None, None)
        expected_line = None
        parts = ["  <consignment>"]
        line_number += 1
        consignment_line = line_number
        for name in CONSIGNMENT_FIELDS:
            value = c.fields[name]
            if value:
                line_number += 1
                parts.append("    <%s>%s</%s>" % (name, xml_text(value), name))
                if name == fault_field and fault_line is None:
                    expected_line = line_number
        parts.append("    <document>")
        for name in DOCUMENT_FIELDS:
            parts.append("      <%s>%s</%s>" % (name, xml_text(c.document[name]), name))
        parts.append("    </document>")
        line_number += 2 + len(DOCUMENT_FIELDS)
        for index, (number, seal) in enumerate(c.containers):
            parts.append("    <container>")
            parts.append("      <container_number>%s</container_number>" % number)
            parts.append("      <seal_number>%s</seal_number>" % seal)
            parts.append("    </container>")
            if fault_name == "container-check-digit" and index == len(c.containers) - 1:
                expected_line = line_number + 2
            line_number += 4
        for index, line in enumerate(c.lines):
            parts.append("    <line>")
            line_number += 1
            line_element = line_number
            for name in LINE_FIELDS:
                value = line[name]
                if value:
                    line_number += 1
                    parts.append("      <%s>%s</%s>" % (name, xml_text(value), name))
                    if index == fault_line and name == fault_field and fault_name != "container-check-digit":
                        expected_line = line_number
            if index == fault_line and expected_line is None and fault_name != "container-check-digit":
                expected_line = line_element  # the element was left out
            parts.append("    </line>")
            line_number += 1
        parts.append("  </consignment>")
        line_number += 1
        if c.fault is not None:
            if expected_line is None:
                expected_line = consignment_line  # a consignment-level element was left out
            truth.write(json.dumps(truth_record(c, expected_line, fault_field), ensure_ascii=False) + "\n")
        chunks.append("\n".join(parts))
        if len(chunks) >= 1024:
            out.write("\n".join(chunks) + "\n")
            chunks.clear()
    if chunks:
        out.write("\n".join(chunks) + "\n")
    out.write("</consignments>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, required=True, help="number of commodity lines to write")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random streams (default 1)")
    parser.add_argument("--fault-rate", type=float, default=0.02,
                        help="expected share of lines with an injected fault, 0 to 1 (default 0.02)")
    parser.add_argument("--format", choices=["csv", "xml"], default="csv", help="output format (default csv)")
    parser.add_argument("--output", required=True, help="file to write")
    parser.add_argument("--truth", help="truth file to write, JSON lines (default OUTPUT.truth.jsonl)")
    args = parser.parse_args()
    if args.lines < 1:
        parser.error("--lines must be at least 1")
    if not 0 <= args.fault_rate <= 1:
        parser.error("--fault-rate must be between 0 and 1")

    generator = Generator(args.seed)
    width = max(6, len(str(args.lines)))
    truth_path = args.truth or args.output + ".truth.jsonl"
    writer = write_csv if args.format == "csv" else write_xml
    with open(args.output, "w", encoding="utf-8", newline="") as out, \
            open(truth_path, "w", encoding="utf-8", newline="") as truth:
        writer(generator, args.lines, args.fault_rate, width, out, truth)


if __name__ == "__main__":
    main()
