import Foundation

/// A value TracesPrep filled in the way TRACES-NT would.
public struct AutofilledValue: Sendable, Equatable {
    public var field: String
    public var value: String
}

/// Computes what TRACES-NT fills by itself: competent authorities (I.3, I.4), origin (I.7, I.8),
/// totals (I.23, I.24), transport duration (I.14) and the certificate model.
public struct AutoFiller: Sendable {
    public var library: RuleLibrary

    public init(library: RuleLibrary) {
        self.library = library
    }

    public func fill(
        _ consignment: NormalizedConsignment, model: CertificateModel?, totals: Totals, events: inout [StageEvent]
    ) -> [AutofilledValue] {
        var filled: [AutofilledValue] = []
        let header = consignment.header
        filled.append(AutofilledValue(field: "central_competent_authority", value: library.authorities.central.code))
        if let place = header["place_of_loading"],
           let branch = library.authorities.localAuthority(forPlaceOfLoading: place.text)
        {
            filled.append(AutofilledValue(field: "local_competent_authority", value: branch.code))
        }
        filled += origin(of: consignment, events: &events)
        if let packages = totals.packages {
            filled.append(AutofilledValue(field: "total_packages", value: String(packages)))
        }
        if let net = totals.netWeight {
            filled.append(AutofilledValue(field: "total_net_weight", value: Normalizer.format(net)))
        }
        if let departure = header["departure_datetime"]?.dateTime, let arrival = header["arrival_date"]?.dateTime {
            // NOTE: an arrival given as a date alone counts from 00:00 local time of that day.
            let seconds = arrival.epochSeconds - departure.epochSeconds
            if seconds >= 0 {
                filled.append(AutofilledValue(field: "transport_duration", value: Normalizer.format(Decimal(seconds) / 3600)))
            }
        }
        if let model {
            filled.append(AutofilledValue(field: "certificate_model", value: model.id))
        }
        return filled
    }

    /// Country and region of origin from the establishment list, else the file's value, else
    /// the consignor's country with a warning.
    private func origin(of consignment: NormalizedConsignment, events: inout [StageEvent]) -> [AutofilledValue] {
        let header = consignment.header
        var listed: [Establishment] = []
        for line in consignment.lines {
            guard let plant = line["manufacturing_plant"] else { continue }
            if let establishment = library.establishments.establishment(approvalNumber: plant.text) {
                listed.append(establishment)
            } else {
                events.append(StageEvent(
                    EventName.unknownEstablishment, field: "manufacturing_plant", consignment: consignment.reference,
                    location: plant.source.location, value: plant.source.raw))
            }
        }
        let declared = header["country_of_origin"]
        if let establishment = listed.first {
            var filled = [AutofilledValue(field: "country_of_origin", value: establishment.country)]
            if let region = establishment.region {
                filled.append(AutofilledValue(field: "region_of_origin", value: region))
            }
            if let declared, let code = declared.code, code != establishment.country {
                events.append(StageEvent(
                    EventName.originMismatch, field: "country_of_origin", consignment: consignment.reference,
                    location: declared.source.location, value: declared.source.raw, expected: establishment.country,
                    details: ["establishment": establishment.approvalNumber]))
            }
            return filled
        }
        if let declared, let code = declared.code {
            return [AutofilledValue(field: "country_of_origin", value: code)]
        }
        if declared == nil, let consignor = header["consignor_country"], let code = consignor.code {
            var location = header.location
            location.column = nil
            events.append(StageEvent(
                EventName.originFromConsignor, field: "country_of_origin", consignment: consignment.reference,
                location: location, expected: code))
            return [AutofilledValue(field: "country_of_origin", value: code)]
        }
        return []
    }
}
