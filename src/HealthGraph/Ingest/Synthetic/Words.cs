using HealthGraph.Graph;

namespace HealthGraph.Ingest.Synthetic;

/// <summary>The word lists synthetic titles and statements are made of: searchable, plausible, never a real record.</summary>
internal static class Words
{
    public static IReadOnlyList<(string Name, string Acronym)> Domains { get; } =
    [
        ("Health", "HA"), ("Labour", "LA"), ("Migration", "MA"), ("Population", "PA"), ("Children's", "CA"),
        ("Development", "DA"), ("Food Security", "FA"), ("Social Protection", "SPA"), ("Education", "EA"), ("Environment", "ENA"),
    ];

    public static IReadOnlyList<(string Prefix, string Kind)> CounterpartKinds { get; } =
    [
        ("Ministry of", "GOVERNMENT_BODY"), ("National Agency for", "GOVERNMENT_BODY"), ("Department of", "GOVERNMENT_BODY"),
        ("Council on", "COORDINATION_BODY"), ("Working Group on", "WORKING_GROUP"), ("Federation for", "WORKERS_ORGANIZATION"),
        ("Foundation for", "NGO"), ("Partnership for", "DEVELOPMENT_PARTNER"),
    ];

    public static IReadOnlyList<string> Verbs { get; } =
    [
        "Strengthening", "Supporting", "Scaling up", "Training on", "Assessment of", "Technical assistance on",
        "Policy advice on", "Costing of", "Monitoring of", "Piloting", "Reviewing", "Expanding", "Digitising",
        "Coordinating", "Financing", "Evaluating", "Integrating", "Capacity building for",
    ];

    public static IReadOnlyList<string> Topics { get; } =
    [
        "primary health care", "health workforce", "immunization", "maternal and newborn health", "health financing",
        "universal health coverage", "social protection floors", "labour migration", "occupational safety and health",
        "employment services", "tuberculosis control", "HIV prevention", "noncommunicable diseases", "mental health",
        "nutrition", "water and sanitation", "health information systems", "emergency preparedness",
        "antimicrobial resistance", "essential medicines", "health insurance", "skills development", "child labour",
        "youth employment", "informal economy", "gender equality", "disability inclusion", "pension reform",
        "malaria", "hospital management", "community health workers", "family planning", "road safety",
        "tobacco control", "digital health", "climate and health", "vaccine supply chains", "workplace inspection",
    ];

    public static IReadOnlyList<string> Qualifiers { get; } =
    [
        "in rural districts", "for migrant workers", "at national level", "in selected regions", "for women and girls",
        "for young people", "in primary care facilities", "for informal workers", "through local governments",
        "with civil society", "for persons with disabilities", "in border areas", "for returning migrants",
        "in urban settlements", "across the health sector",
    ];

    public static IReadOnlyList<string> Products { get; } =
    [
        "Guidelines", "Training manual", "Policy brief", "Costed plan", "Baseline survey", "Assessment report",
        "Curriculum", "Data dashboard", "Legal review", "Awareness campaign", "Workshop", "Study tour",
    ];

    public static IReadOnlyList<string> OutcomeSubjects { get; } =
    [
        "National authorities", "Health facilities", "Social partners", "Communities", "Local governments",
        "Workers and employers", "Ministries", "Health professionals",
    ];

    public static IReadOnlyList<string> OutcomeVerbs { get; } =
    [
        "have strengthened", "deliver better", "adopt policies on", "have expanded", "monitor and report on",
        "finance and manage", "improve access to",
    ];

    public static IReadOnlyList<string> Countries { get; } =
    [
        "Tajikistan", "Kyrgyzstan", "Uzbekistan", "Kazakhstan", "Mongolia", "Nepal", "Bangladesh", "Ethiopia", "Kenya",
        "Uganda", "Ghana", "Senegal", "Malawi", "Zambia", "Mozambique", "Peru", "Bolivia", "Guatemala", "Honduras",
        "Haiti", "Viet Nam", "Lao PDR", "Cambodia", "Myanmar", "Pakistan", "Jordan", "Lebanon", "Moldova", "Ukraine",
        "Georgia", "Armenia", "Sri Lanka",
    ];

    public static IReadOnlyList<string> DeliverableKinds { get; } = [.. Vocabulary.DeliverableKinds.Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> OutcomeLevels { get; } = [.. Vocabulary.OutcomeLevels.Order(StringComparer.Ordinal)];

    /// <summary>Statuses as real portfolios report them: mostly under way or done, a few pipeline, rarely cancelled.</summary>
    public static IReadOnlyList<string> Statuses { get; } =
    [
        "IMPLEMENTATION", "IMPLEMENTATION", "IMPLEMENTATION", "ON_TRACK", "ON_TRACK", "ACHIEVED", "ACHIEVED", "CLOSED",
        "CLOSED", "PIPELINE", "FINALISATION", "SUSPENDED", "CANCELLED",
    ];
}
