namespace HealthGraph.Ingest.Workbook;

/// <summary>
/// One column of the who-what-where-when workbook: its key, its English header, its HXL hashtag (Humanitarian Exchange
/// Language, as OCHA's 3W/4W files carry in their second row), the tags and headers real files use for it, and what a
/// council secretary writes in it. The template, its explanation sheet, the reader and the export all come from
/// <see cref="WorkbookColumns.All"/>.
/// </summary>
public sealed record WorkbookColumn(string Key, string Header, string Hxl, string Explanation, string Example)
{
    /// <summary>Other HXL tag patterns that hold this column, in the order they are preferred (libhxl's matching: a pattern's attributes must all be present).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Headers in English, French, Spanish and Russian that name this column in files without HXL tags (compared without case, accents or spaces).</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>A row must fill it.</summary>
    public bool Required { get; init; }

    /// <summary>Several values in one cell, separated by ';' (a line break or ',' also separates organisations' names that contain none).</summary>
    public bool Multiple { get; init; }

    /// <summary>The values it allows, when it has a closed list.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>In the template (codes of administrative units are read when a file has them, but the template asks for names or ISO codes).</summary>
    public bool InTemplate { get; init; } = true;

    /// <summary>Every HXL tag pattern that holds this column: its own first.</summary>
    public IEnumerable<string> Patterns => Tags.Prepend(Hxl);
}

/// <summary>The workbook's columns, in the template's order: the one definition of what a 4W row holds.</summary>
public static class WorkbookColumns
{
    public const string Id = "id";
    public const string Implementer = "implementer";
    public const string Funder = "funder";
    public const string Programme = "programme";
    public const string Title = "title";
    public const string Description = "description";
    public const string Themes = "themes";
    public const string Targets = "sdgTargets";
    public const string Region = "region";
    public const string RegionCode = "regionCode";
    public const string District = "district";
    public const string DistrictCode = "districtCode";
    public const string Subdistrict = "subdistrict";
    public const string SubdistrictCode = "subdistrictCode";
    public const string Start = "start";
    public const string End = "end";
    public const string Status = "status";
    public const string Budget = "budget";
    public const string Currency = "currency";
    public const string Counterparts = "counterparts";
    public const string Source = "source";
    public const string Excerpt = "excerpt";

    /// <summary>The statuses a row may give, with the words real files use for each (compared without case, accents or spaces).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> StatusWords { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["PIPELINE"] = ["pipeline", "planned", "planning", "prévu", "planificado", "планируется"],
        ["IMPLEMENTATION"] = ["implementation", "ongoing", "on-going", "active", "in progress", "en cours", "en curso", "en ejecución", "в процессе", "реализуется"],
        ["ON_TRACK"] = ["on track"],
        ["FINALISATION"] = ["finalisation", "finalization", "closing"],
        ["ACHIEVED"] = ["achieved"],
        ["CLOSED"] = ["closed", "completed", "complete", "finished", "terminé", "completado", "завершено"],
        ["SUSPENDED"] = ["suspended", "on hold", "suspendu", "suspendido", "приостановлено"],
        ["CANCELLED"] = ["cancelled", "canceled", "annulé", "cancelado", "отменено"],
    };

    public static IReadOnlyList<WorkbookColumn> All { get; } =
    [
        new(Id, "Work id", "#activity+code",
            "A stable id for the piece of work: lower-case letters, digits, '.' and '-'. Leave it empty for new work: HealthGraph makes one. Keep it when you edit a row, so that the row updates its work instead of adding another.",
            "who-hwf-strategy")
        { Tags = ["#activity+id"], Headers = ["id", "work id", "activity id", "activity code", "code", "identifiant", "código", "код"] },
        new(Implementer, "Implementing organisation", "#org+impl",
            "The organisation that does the work: its name, short name or id as HealthGraph knows it (see the Organisations sheet). Several: separate them with ';'.",
            "WHO")
        {
            Required = true, Multiple = true, Tags = ["#org+impl+name", "#org+impl+acronym", "#org+name", "#org+acronym", "#org"],
            Headers = ["implementing organisation", "implementing organization", "implementing partner", "implementing agency name", "implementing agency", "organisation", "organization", "org name", "agency", "partenaire de mise en oeuvre", "organisation de mise en oeuvre", "socio implementador", "organizacion implementadora", "организация-исполнитель", "исполнитель", "организация"],
        },
        new(Funder, "Funding organisation", "#org+funder",
            "The organisations that fund it, separated by ';' (a donor's name, short name or id). Leave empty when it is the implementer's own money.",
            "European Union; Luxembourg")
        { Multiple = true, Tags = ["#org+donor"], Headers = ["funding organisation", "funding organization", "funder", "donor", "donors", "bailleur", "bailleur de fonds", "donante", "донор"] },
        new(Programme, "Programme organisation", "#org+prog",
            "The organisation whose programme the work is part of, when it is not the implementer (OCHA's 4W 'programme organization').",
            "")
        { Multiple = true, Tags = ["#org+prog+name", "#org+prog+acronym"], Headers = ["programme organisation", "programme organization", "program organization"], InTemplate = false },
        new(Title, "Title", "#activity+name",
            "What the work is, in one line, as its source names it.",
            "Support to the National Health Workforce Strategy")
        { Required = true, Tags = ["#activity"], Headers = ["title", "activity", "activity name", "project title", "project", "cluster activities", "activité", "titre", "actividad", "título", "мероприятие", "название", "деятельность"] },
        new(Description, "Description", "#activity+description",
            "More about the work, if the source says more.",
            "")
        { Headers = ["description", "descripción", "описание"] },
        new(Themes, "Themes", "#sector",
            "Its themes or sectors, separated by ';': a theme's name or id as HealthGraph knows it (see the Themes sheet).",
            "health-workforce; universal-health-coverage")
        { Multiple = true, Tags = ["#sector+name", "#sector+cluster+name", "#sector+cluster"], Headers = ["themes", "theme", "sector", "sectors", "cluster", "secteur", "sector", "сектор", "тема"] },
        new(Targets, "SDG targets", "#sector+sdg",
            "The SDG targets the row's source links the work to, by code, separated by ';' (3.8; 1.3). A goal alone: its number (3).",
            "3.8; 3.c")
        { Multiple = true, Headers = ["sdg targets", "sdg target", "sdgs", "sdg", "cibles odd", "metas ods", "задачи цур", "цур"] },
        new(Region, "Region", "#adm1+name",
            "Where it happens: a region by its ISO 3166-2 code (TJ-SU) or its name (Sughd); a p-code works too. Several: separate them with ';'. Leave empty for work across the country.",
            "TJ-KT")
        { Multiple = true, Tags = ["#adm1"], Headers = ["region", "province", "oblast", "state", "région", "región", "departamento", "регион", "область"] },
        new(RegionCode, "Region code", "#adm1+code",
            "A region's p-code (3507000) or ISO 3166-2 code.",
            "")
        { Multiple = true, Headers = ["region code", "province code", "prov code", "adm1 pcode", "adm1 code"], InTemplate = false },
        new(District, "District", "#adm2+name",
            "A district or city by its name (names that repeat, such as Isfara the city and Isfara the district, need the region beside them). Several: separate them with ';'.",
            "Bokhtar")
        { Multiple = true, Tags = ["#adm2"], Headers = ["district", "city", "zone", "nohiya", "raion", "district/city", "distrito", "municipio", "район"] },
        new(DistrictCode, "District code", "#adm2+code",
            "A district's p-code (3507221).",
            "")
        { Multiple = true, Headers = ["district code", "dist code", "adm2 pcode", "adm2 code"], InTemplate = false },
        new(Subdistrict, "Subdistrict", "#adm3+name",
            "A third-level unit by its name, where a 4W file gives one (an Ethiopian woreda).",
            "")
        { Multiple = true, Tags = ["#adm3"], Headers = ["subdistrict", "woreda", "commune", "sub-district"], InTemplate = false },
        new(SubdistrictCode, "Subdistrict code", "#adm3+code",
            "A third-level unit's p-code (ET010211).",
            "")
        { Multiple = true, Headers = ["subdistrict code", "woreda pcode", "adm3 pcode", "adm3 code"], InTemplate = false },
        new(Start, "Start date", "#date+start",
            "When the work starts: a date (2024-03-01), a month (2024-03) or a year (2024).",
            "2024-01")
        { Headers = ["start date", "start", "from", "date de début", "début", "fecha de inicio", "inicio", "дата начала", "начало"] },
        new(End, "End date", "#date+end",
            "When it ends, in the same way; leave empty when it has no end date yet.",
            "2026-12")
        { Headers = ["end date", "end", "to", "date de fin", "fin", "fecha de fin", "fecha de finalización", "дата окончания", "окончание"] },
        new(Status, "Status", "#status",
            "Where the work is: pipeline, implementation (ongoing), on track, finalisation, achieved, closed (completed), suspended or cancelled.",
            "implementation")
        { Allowed = ["pipeline", "implementation", "on track", "finalisation", "achieved", "closed", "suspended", "cancelled"], Headers = ["status", "project status", "activity status", "statut", "estado", "статус"] },
        new(Budget, "Budget", "#value+budget",
            "Its budget for the whole period, a number without the currency (1250000).",
            "250000")
        { Tags = ["#value"], Headers = ["budget", "amount", "montant", "presupuesto", "monto", "бюджет", "сумма"] },
        new(Currency, "Currency", "#currency",
            "The budget's currency as its ISO 4217 code (USD, EUR, TJS). Amounts are never converted.",
            "USD")
        { Tags = ["#value+currency"], Headers = ["currency", "devise", "moneda", "валюта"] },
        new(Counterparts, "National counterparts", "#org+partner",
            "The national institutions the work supports (a ministry's name, short name or id), separated by ';'.",
            "Ministry of Health and Social Protection of Population")
        { Multiple = true, Tags = ["#org+counterpart", "#org+govt"], Headers = ["national counterparts", "national counterpart", "counterpart", "government partner", "partenaire national", "contraparte nacional", "национальный партнер"] },
        new(Source, "Source", "#meta+source",
            "Where the row's facts come from: a document's title or a web page's address.",
            "https://www.who.int/...")
        { Headers = ["source", "fuente", "источник"] },
        new(Excerpt, "Supporting sentence", "#meta+excerpt",
            "The sentence of the source that supports the row, copied word for word.",
            "")
        { Headers = ["supporting sentence", "excerpt", "quote", "citation", "cita", "цитата"] },
    ];

    public static WorkbookColumn Get(string key) => All.Single(c => c.Key == key);
}
