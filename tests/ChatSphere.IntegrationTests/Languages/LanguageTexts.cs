namespace ChatSphere.IntegrationTests.Languages;

/// <summary>Short documents in several scripts, long enough for detection (over ~120 characters).</summary>
internal static class LanguageTexts
{
    public const string German =
        "Die alten Häuser am Marktplatz wurden im vierzehnten Jahrhundert gebaut. Heute wohnen dort Familien, " +
        "und im Erdgeschoss gibt es kleine Läden, Bäckereien und ein Café, das jeden Morgen frisches Brot verkauft.";

    public const string Chinese =
        "长城是中国古代的军事防御工程，修建的时间超过两千年。它东起山海关，西至嘉峪关，全长约两万一千公里。" +
        "每年有数百万游客来到北京附近的八达岭参观长城，欣赏壮丽的山景。";

    public const string Arabic =
        "تقع مدينة القاهرة على ضفاف نهر النيل، وهي أكبر مدينة في العالم العربي. يزور السياح الأهرامات في الجيزة " +
        "والمتحف المصري الذي يضم آلاف القطع الأثرية من عصر الفراعنة.";

    public const string Hindi =
        "ताजमहल आगरा शहर में यमुना नदी के किनारे स्थित एक सफेद संगमरमर का मकबरा है। इसे मुगल बादशाह शाहजहाँ ने " +
        "अपनी पत्नी मुमताज़ महल की याद में बनवाया था। हर साल लाखों पर्यटक इसे देखने आते हैं।";

    public const string Japanese =
        "富士山は日本で一番高い山で、標高は三千七百七十六メートルです。夏になると多くの登山者が頂上を目指して" +
        "夜から登り始め、山頂で美しい日の出を見ることができます。";

    public const string English =
        "The courier runs between the warehouse and the harbour every morning before the shops open, " +
        "and the harbour master signs for every parcel that arrives on the early ferry from the islands.";
}
