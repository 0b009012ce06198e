// Generates test/fixtures/topics/eval.jsonl: short labelled articles in English, Arabic and
// Persian for the topics in test/fixtures/topics/eval-topics.yaml.
//
//   npx tsx scripts/gen-topics-eval.ts
//
// Every sentence below was written for this set. Articles are assembled from a few sentences
// of one theme plus neutral filler, with names drawn from lists of real-world spellings; the
// labels come from the sentences chosen (the generator knows what it wrote), never from the
// matcher. Seeded, so the output is stable.
import { writeFileSync } from 'node:fs';

type Topic = 'mek' | 'camp-ashraf' | 'camp-liberty' | 'polio-campaign';
type Lang = 'en' | 'ar' | 'fa';

interface Article {
  id: string;
  lang: Lang;
  title: string;
  text: string;
  topics: Topic[];
  kind: string;
}

let seed = 20261128;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}
function fill(frame: string, slots: Record<string, string>): string {
  return frame.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? pick(SLOTS[k] ?? [`{${k}}`]));
}

const SLOTS: Record<string, string[]> = {
  city: ['Paris', 'Brussels', 'Geneva', 'Berlin', 'Stockholm', 'London', 'The Hague', 'Vienna', 'Rome', 'Oslo'],
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  num: ['200', '350', '1,200', '2,000', 'several hundred', 'about 3,000', 'nearly 90', 'dozens of'],
  official: [
    'a ministry spokesman',
    'the deputy interior minister',
    'a senior adviser',
    'a provincial governor',
    'an aide to the prime minister',
  ],
  year: ['1981', '1986', '1992', '2003', '2009', '2012', '2013', '2016'],
  country: ['Kenya', 'Chile', 'Portugal', 'Malaysia', 'Canada', 'Ghana', 'Peru'],
  ar_city: ['بغداد', 'بعقوبة', 'البصرة', 'أربيل', 'الموصل', 'كربلاء', 'النجف'],
  ar_day: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'],
  fa_city: ['پاریس', 'تیرانا', 'بغداد', 'ژنو', 'برلین', 'استکهلم', 'لندن'],
  fa_day: ['دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه', 'یکشنبه'],
};

// ---------------------------------------------------------------- English

const EN_MEK_NAMES = [
  'Mojahedin-e Khalq',
  'Mujahedin-e Khalq',
  'Mujahideen-e-Khalq',
  'Mojahedin e Khalq',
  'Mojahedine Khalq',
  'Mujahidin Khalq',
  'Mujahedin Khalq',
  'Mojahedeen-e Khalq',
  'Mujahedin-e Khalq Organization',
  'Mojahedin-e Khalq Organisation',
  "People's Mojahedin Organization of Iran",
  "People's Mujahedin Organization of Iran",
  'People’s Mojahedin',
  "People's Mujahedin of Iran",
  'Peoples Mojahedin Organization',
  'Mujahidi Khalq',
  'Mojahedin-i Khalq',
  'Mojahedin-e-Khalgh',
  'Mujaheddin-e Khalq',
  'MUJAHEDIN-E KHALQ',
  'Mojahidin-e Khalq',
  'Mojahedin Khalq Organization',
  'Mujahedeen Khalq',
  'Mojahedin-ye Khalq',
  'Mojāhedin-e Khalq',
];
const EN_MEK_ACRONYMS = ['MEK', 'MKO', 'PMOI', 'M.E.K.', 'the MEK', 'the MKO'];

const EN_MEK_FRAMES = [
  '{X} held a rally in {city} on {day}, demanding that European governments cut ties with Tehran.',
  'Officials in Baghdad said the remaining members of the {X} would be moved within weeks.',
  'A former member of the {X} described twenty years of isolation and forced divorces inside the group.',
  'The {X} denied the accusations in a statement issued on {day}.',
  'A court in {city} heard evidence about money transfers linked to the {X}.',
  'Lawmakers argued over whether the {X} should stay on the list of banned groups.',
  'Relatives of {X} members waited outside the gates for permission to visit.',
  'The UN refugee agency interviewed {num} residents affiliated with the {X}.',
  'Critics say the {X} is run like a cult devoted to its leaders.',
  'Iranian officials have long blamed the {X} for bombings in the early 1980s.',
  'In Albania the {X} keeps a walled compound outside Tirana that reporters rarely enter.',
  'A spokesman for the {X} rejected the ministry account as fabricated.',
  'Analysts believe the {X} retains little support inside Iran.',
  'Supporters of the {X} bought full-page advertisements in three newspapers.',
  'Washington removed the {X} from its terrorism list in 2012 after a long lobbying effort.',
  'Farmers in Diyala say land seized during the years of the {X} presence was never returned.',
  'The {X} fought alongside Iraqi forces during the war with Iran, according to historians.',
  '{official} said the {X} had no future on Iraqi soil.',
  'Defectors from the {X} set up an association to help others leave.',
  'Police in {city} questioned {num} activists of the {X} after a scuffle at the embassy.',
  'The {X} says it has a network of informants inside Iran.',
  'The leadership of the {X} has not been seen in public for years.',
];

const EN_MEK_ACRONYM_FRAMES = [
  'Iraqi officials said {A} members must leave the country before the deadline.',
  'The {A} claimed responsibility for leaking documents about Iran’s nuclear sites.',
  '{A} supporters marched in {city} carrying portraits of Maryam Rajavi.',
  'A former {A} commander said the Rajavi leadership banned all contact with families.',
  'Tehran accused the {A} of working with foreign intelligence services.',
  'Residents of Camp Ashraf who belong to the {A} refused to be searched.',
  'The {A} office in {city} organised a conference on human rights in Iran.',
  'Albanian police raided the {A} compound near Tirana and seized computers.',
];

const EN_IRAN_CONTEXT = [
  'Relations between Iran and its neighbours have been tense for months.',
  'The Iranian foreign ministry did not respond to a request for comment.',
  'Diplomats in Tehran expect the issue to come up at the next round of talks.',
  'Iraq has hosted several exiled Iranian groups since the 1980s.',
  'Albania agreed to take in the group’s members at the request of the United States.',
];

const EN_ASHRAF_NAMES = ['Camp Ashraf', 'Ashraf Camp', 'camp Ashraf', 'Ashraf camp', 'Camp Ashraf’s'];
const EN_ASHRAF_FRAMES = [
  'The last residents left {P} in Diyala province after a decade of disputes.',
  'Iraqi troops took control of the perimeter of {P} on {day}.',
  'Aid workers said medicine shipments to {P} had been held up at checkpoints.',
  'Satellite images show that most buildings at {P} have been demolished.',
  '{official} confirmed that {P} would be handed to the provincial authorities.',
  'Lawyers for the families filed a complaint about the siege of {P}.',
];

const EN_LIBERTY_NAMES = ['Camp Liberty', 'Liberty Camp', 'Camp Hurriya', 'the Liberty camp', 'Camp Liberty’s'];
const EN_LIBERTY_FRAMES = [
  'Rockets struck {P} near Baghdad airport, wounding {num} people.',
  'The UN described conditions at {P} as cramped but acceptable.',
  'Residents moved from Ashraf to {P} in several convoys.',
  'Water and electricity at {P} were cut for two days, a spokesman said.',
  '{official} said no riot police had been deployed inside {P}.',
  'The transit centre known as {P} was meant to be temporary.',
];

const EN_POLIO_POS = [
  'A nationwide polio vaccination campaign began on {day}, aiming to reach every child under five.',
  'Health workers launched a door-to-door polio immunization drive in the northern districts.',
  'The polio campaign reached {num} children in its first week despite the heat.',
  'Volunteers in {country} joined a fresh round of polio vaccination after two cases were found in sewage samples.',
  'The ministry extended its polio drive by three days because of flooding.',
  'Mothers queued at clinics as the poliomyelitis immunisation campaign opened.',
];
const EN_POLIO_NEG = [
  'She survived polio as a child and later became a celebrated swimmer.',
  'The museum exhibition traces the history of polio in the twentieth century.',
  'Officials reported two new polio cases in the border region.',
  'A measles vaccination campaign started in {country} after an outbreak in schools.',
  'The election campaign focused on roads, schools and hospitals.',
];

const EN_NEG = {
  afghan: [
    'Veterans of the Afghan mujahideen gathered in Peshawar to remember the war against Soviet troops.',
    'The mujahideen factions that captured Kabul in 1992 soon turned their guns on each other.',
    'A museum in Herat displays rifles once carried by mujahideen commanders.',
    'Hezb-e Islami, once one of the largest mujahideen parties, signed a peace agreement.',
    'Former mujahideen fighters now grow wheat and almonds in the valley.',
    'The Mujahideen Shura Council claimed the attack in Derna.',
    'Many army officers deserted to the mujahideen. Khalq loyalists held on to the capital.',
    'Under Taraki the Khalq wing of the party arrested clerics, and mujahideen groups answered with revolt.',
    'Mujahedin commanders from the Panjshir valley met in Islamabad.',
    'The film follows a young mujahid who returns home after the Soviet withdrawal.',
  ],
  iranOther: [
    'The Mojahedin of the Islamic Revolution Organization, a reformist party in Iran, was banned in 2010.',
    'Members of the Organization of Mojahedin of the Islamic Revolution won seats in Tehran.',
    'The Fadaiyan-e Khalq, a Marxist guerrilla movement, split into rival wings after 1979.',
    'Veterans of the Fedayeen-e Khalq in Iran published a memoir about the 1970s.',
    'The Iranian People’s Fedai Guerrillas held a small meeting in exile.',
    'Historians of Iran note that several Islamic mujahedin groups merged after the revolution.',
  ],
  solvent: [
    'Methyl ethyl ketone (MEK) is a solvent used in paints, glues and printing inks.',
    'MEK prices in Asia fell as demand from coatings makers eased.',
    'The plant produces about 100,000 tonnes of MEK a year for the adhesives market.',
    'Workers were exposed to MEK vapours without proper respirators, inspectors found.',
    'Regulators proposed tighter limits on MEK emissions from furniture factories.',
  ],
  mkoOther: [
    'Supporters marked the anniversary of MKO Abiola’s victory in the annulled 1993 election in Nigeria.',
    'The stadium named after MKO Abiola in Abeokuta is being renovated.',
    'Astronomers at the Mauna Kea Observatories (MKO) recorded a bright fireball over Hawaii.',
    'The MKO near-infrared filter set is widely used by telescopes.',
  ],
  liberty: [
    'The Statue of Liberty reopened to visitors after repairs to its pedestal.',
    'Liberty University announced a new campus in Virginia.',
    'Liberty Mutual reported higher premiums in the third quarter.',
    'Civil liberty groups criticised the new surveillance bill.',
    'The pro-liberty camp in the senate blocked the amendment.',
    'A liberty camp of libertarian students met in a forest near the lake.',
    'The Liberty Bell was moved to a new pavilion in Philadelphia.',
  ],
  ashraf: [
    'Ashraf Ghani left Kabul as the Taliban approached the capital.',
    'Achraf Hakimi scored a late winner for Paris Saint-Germain.',
    'A biography of Ashraf Marwan revisits the spy story of the 1973 war.',
    'The Ashrafieh district of Beirut was badly damaged by the port explosion.',
    'Ashraf’s camp rejected the coalition offer, his party said.',
    'Ashraf Ghani’s camp said the election results had been manipulated.',
    'The novelist Ashraf Mahmoud read from her new book at the fair.',
  ],
  neutral: [
    'Heavy rain closed several roads in the north of the country.',
    'The central bank kept interest rates unchanged for a third month.',
    'A new bridge over the river is expected to open next spring.',
    'The football league postponed two matches because of the storm.',
    'Farmers expect a good harvest after a mild winter.',
    'The city council approved a budget for more bus lanes.',
    'Scientists released the first images from the new telescope.',
  ],
};

const EN_FILLER = [
  'The report was published on {day}.',
  'More details are expected later this week.',
  'The statement did not give a timetable.',
  'Observers said the situation remained calm.',
  'Journalists were not allowed to enter the area.',
  'Local television showed images of the scene.',
  'The ministry promised to publish its findings.',
  'It was not possible to verify the figures independently.',
  'Several organisations called for restraint.',
  'A follow-up meeting is planned for next month.',
];

// ---------------------------------------------------------------- Arabic

const AR_MEK_NAMES = [
  'منظمة مجاهدي خلق',
  'مجاهدي خلق',
  'منظمة مجاهدين خلق',
  'مجاهدين خلق',
  'منظمة مُجاهدي خَلق',
  'منظمه مجاهدي خلق',
  'مجاهدى خلق',
  'منظمة خلق',
  'منظمة مجاهدي خلق الإيرانية',
  'زمرة مجاهدي خلق',
];
const AR_MEK_FRAMES = [
  'أعلنت الحكومة العراقية أن عناصر {X} سيغادرون البلاد قبل نهاية العام.',
  'قال متحدث باسم {X} إن السلطات منعت دخول الأدوية.',
  'طالبت عشائر في ديالى بمحاكمة قادة {X} أمام القضاء.',
  'التقى وفد من الأمم المتحدة بممثلين عن {X} في {ar_city} يوم {ar_day}.',
  'تتهم طهران {X} بتنفيذ هجمات داخل إيران خلال الثمانينيات.',
  'يرى محللون أن نفوذ {X} تراجع كثيرا في السنوات الأخيرة.',
  'عرضت قناة محلية مقابلة مع عضو سابق في {X} تحدث فيها عن سنوات العزلة.',
  'أكدت وزارة حقوق الإنسان أنها تتابع ملف {X} مع المنظمات الدولية.',
  'نقلت حافلات عشرات من أعضاء {X} إلى المطار تمهيدا لترحيلهم.',
  'قال نائب في البرلمان إن وجود {X} على الأراضي العراقية انتهى.',
];
// Frames where the name carries an attached conjunction or preposition (و / ل / ب).
const AR_MEK_CLITIC_FRAMES = [
  'وجه الوزير انتقادات حادة للحكومات الأوروبية ول{X}.',
  'نفى المسؤول أي صلة ب{X} بالهجوم الأخير.',
  'اجتمع ممثلو الحكومة والأمم المتحدة و{X} في {ar_city}.',
];
const AR_MEK_NOMINATIVE = ['وقال مجاهدو خلق في بيان إنهم لن يغادروا المخيم.', 'ويؤكد مجاهدو خلق أنهم تعرضوا لحصار طويل.'];
const AR_ASHRAF_NAMES = ['مخيم أشرف', 'معسكر أشرف', 'مخيم اشرف', 'معسكر اشرف'];
const AR_ASHRAF_FRAMES = [
  'غادر آخر سكان {P} في محافظة ديالى بعد سنوات من النزاع.',
  'تسلمت القوات العراقية مسؤولية حماية {P} يوم {ar_day}.',
  'قالت منظمات إنسانية إن شحنات الدواء إلى {P} تأخرت.',
  'أظهرت صور حديثة أن معظم مباني {P} أزيلت.',
  'زار محافظ ديالى {P} للاطلاع على أوضاع السكان.',
];
const AR_LIBERTY_NAMES = ['مخيم ليبرتي', 'معسكر ليبرتي', 'معسكر الحرية'];
const AR_LIBERTY_FRAMES = [
  'سقطت صواريخ على {P} قرب مطار بغداد.',
  'نفت وزارة الداخلية وجود قوات مكافحة الشغب داخل {P}.',
  'وصفت الأمم المتحدة الظروف في {P} بأنها صعبة.',
  'نقل السكان من أشرف إلى {P} على دفعات.',
];
const AR_POLIO_POS = [
  'انطلقت يوم {ar_day} حملة التطعيم ضد شلل الأطفال في جميع المحافظات.',
  'تستهدف حملة شلل الأطفال الجديدة أكثر من مليون طفل دون سن الخامسة.',
  'أشرف وزير الصحة على انطلاق حملة التطعيم ضد شلل الأطفال في {ar_city}.',
  'دعت وزارة الصحة الأهالي إلى التعاون مع فرق اللقاح ضد شلل الأطفال.',
];
const AR_POLIO_NEG = [
  'روى الكاتب كيف أصيب بشلل الأطفال في طفولته وكيف تعلم المشي من جديد.',
  'بدأت حملة التطعيم ضد الحصبة في المدارس الابتدائية.',
  'تناول الفيلم الوثائقي تاريخ المرض في القرن الماضي وذكر شلل الأطفال مرة واحدة.',
];
const AR_NEG = {
  afghan: [
    'قاتل المجاهدون الأفغان القوات السوفيتية طوال عقد الثمانينيات.',
    'انقسمت فصائل المجاهدين بعد سقوط كابول عام 1992.',
    'أعلن مجلس شورى مجاهدي درنة مسؤوليته عن الهجوم.',
    'يتذكر قدامى المجاهدين في بيشاور سنوات الحرب.',
    'عاد المجاهدون إلى قراهم بعد انسحاب الجيش السوفيتي.',
  ],
  ashraf: [
    'غادر أشرف غني كابول قبل دخول حركة طالبان إلى العاصمة.',
    'سجل أشرف حكيمي هدفا رائعا في المباراة.',
    'أشرف المهندس على أعمال الصيانة في المستشفى.',
    'وهو مخيم أشرف على إنشائه الهلال الأحمر قبل سنوات.',
    'زار الوزير المخيم وأشرف على توزيع المساعدات.',
  ],
  liberty: [
    'أعيد افتتاح تمثال الحرية أمام الزوار بعد أعمال الترميم.',
    'تجمع المتظاهرون في ساحة الحرية وسط المدينة.',
    'أعلنت جامعة ليبرتي عن برنامج دراسي جديد.',
  ],
  solvent: ['يستخدم مذيب ميثيل إيثيل كيتون (MEK) في صناعة الدهانات والغراء.', 'ارتفعت أسعار MEK في الأسواق الآسيوية هذا الشهر.'],
  neutral: [
    'أعلنت هيئة الأرصاد عن موجة حر تستمر حتى نهاية الأسبوع.',
    'افتتح المحافظ مدرسة جديدة في حي الشهداء.',
    'ارتفع سعر صرف الدينار أمام الدولار.',
  ],
};
const AR_FILLER = [
  'ولم تصدر تعليقات رسمية حتى الآن.',
  'وأضاف المصدر أن التحقيقات مستمرة.',
  'وتأتي هذه الخطوة بعد أسابيع من المفاوضات.',
  'ومن المتوقع صدور بيان مفصل خلال الأيام المقبلة.',
  'وأشار التقرير إلى صعوبة التحقق من الأرقام.',
];
const AR_CONTEXT = ['وتشهد العلاقات بين العراق وإيران توترا منذ أشهر.', 'ولم ترد السفارة الإيرانية على طلب للتعليق.'];

// ---------------------------------------------------------------- Persian

const FA_MEK_NAMES = [
  'سازمان مجاهدین خلق',
  'مجاهدین خلق',
  'سازمان مجاهدين خلق',
  'گروهک منافقین',
  'سازمان مجاهدین خلق ایران',
  'مجاهدين خلق',
  'سازمان مُجاهدین خلق',
  'گروهک مجاهدین خلق',
];
const FA_MEK_FRAMES = [
  'سخنگوی وزارت خارجه گفت اعضای {X} باید از عراق خارج شوند.',
  'خانواده‌های اعضای {X} مقابل دفتر سازمان ملل در {fa_city} تجمع کردند.',
  'یک عضو جداشده از {X} از سال‌ها زندگی در اردوگاه سخن گفت.',
  'دادگاهی در {fa_city} پرونده مالی {X} را بررسی می‌کند.',
  '{X} در بیانیه‌ای این اتهامات را رد کرد.',
  'رسانه‌های آلبانی از گسترش مقر {X} در نزدیکی تیرانا خبر دادند.',
  'مقامات عراقی می‌گویند {X} هنوز زمین‌های کشاورزان را پس نداده است.',
  'کارشناسان معتقدند پایگاه اجتماعی {X} در داخل کشور بسیار محدود است.',
  'روز {fa_day} گروهی از هواداران {X} در {fa_city} راهپیمایی کردند.',
  'پلیس آلبانی دفتر {X} را بازرسی کرد و رایانه‌ها را توقیف کرد.',
];
const FA_ASHRAF_NAMES = ['اردوگاه اشرف', 'قرارگاه اشرف', 'کمپ اشرف', 'اردوگاه أشرف'];
const FA_ASHRAF_FRAMES = [
  'آخرین ساکنان {P} در استان دیاله این منطقه را ترک کردند.',
  'نیروهای عراقی کنترل {P} را در روز {fa_day} به دست گرفتند.',
  'تصاویر ماهواره‌ای نشان می‌دهد بیشتر ساختمان‌های {P} تخریب شده است.',
  'خانواده‌ها سال‌ها برای دیدار با فرزندانشان پشت درهای {P} منتظر ماندند.',
];
const FA_LIBERTY_NAMES = ['کمپ لیبرتی', 'اردوگاه لیبرتی', 'کمپ ليبرتي'];
const FA_LIBERTY_FRAMES = [
  'چند موشک به {P} در نزدیکی فرودگاه بغداد اصابت کرد.',
  'سازمان ملل شرایط {P} را دشوار توصیف کرد.',
  'ساکنان اشرف در چند مرحله به {P} منتقل شدند.',
];
const FA_POLIO_POS = [
  'طرح ملی واکسیناسیون فلج اطفال از روز {fa_day} در سراسر کشور آغاز شد.',
  'در این کمپین فلج اطفال بیش از یک میلیون کودک زیر پنج سال واکسن دریافت می‌کنند.',
  'وزارت بهداشت از خانواده‌ها خواست در طرح واکسن فلج اطفال شرکت کنند.',
];
const FA_POLIO_NEG = [
  'او در کودکی به فلج اطفال مبتلا شد و بعدها قهرمان شنا شد.',
  'کمپین واکسیناسیون سرخک در مدارس آغاز شد.',
  'این کتاب تاریخچه بیماری‌های واگیر از جمله فلج اطفال در قرن گذشته را روایت می‌کند.',
];
const FA_NEG = {
  afghan: [
    'مجاهدین افغان در دهه هشتاد میلادی با ارتش شوروی جنگیدند.',
    'پس از سقوط کابل گروه‌های مجاهدین با یکدیگر درگیر شدند.',
    'موزه هرات سلاح‌های فرماندهان مجاهدین را به نمایش گذاشته است.',
  ],
  iranOther: [
    'سازمان مجاهدین انقلاب اسلامی یکی از احزاب اصلاح‌طلب ایران بود.',
    'اعضای سازمان چریک‌های فدایی خلق ایران در تبعید نشستی برگزار کردند.',
    'حزب دموکراتیک خلق افغانستان در سال ۱۹۷۸ قدرت را به دست گرفت.',
    'سازمان مجاهدین انقلاب اسلامی در سال ۱۳۸۹ منحل شد.',
  ],
  ashraf: [
    'اشرف غنی پیش از ورود طالبان کابل را ترک کرد.',
    'اشرف حکیمی در دقیقه آخر گل پیروزی را به ثمر رساند.',
    'اشرف‌السادات در این فیلم نقش مادر را بازی می‌کند.',
    'او پس از بازدید از اردوگاه، اشرف را به عنوان مدیر جدید معرفی کرد.',
  ],
  liberty: [
    'میدان آزادی تهران امروز میزبان هزاران نفر بود.',
    'مجسمه آزادی پس از تعمیرات دوباره به روی بازدیدکنندگان باز شد.',
    'دانشگاه لیبرتی برنامه آموزشی جدیدی اعلام کرد.',
  ],
  neutral: [
    'بارش برف چند جاده کوهستانی را مسدود کرد.',
    'بانک مرکزی نرخ سود را تغییر نداد.',
    'تیم ملی فوتبال در بازی دوستانه به پیروزی رسید.',
  ],
};
const FA_FILLER = [
  'هنوز واکنش رسمی به این خبر منتشر نشده است.',
  'جزئیات بیشتر در روزهای آینده اعلام می‌شود.',
  'این گزارش را نمی‌توان به طور مستقل تأیید کرد.',
  'ناظران می‌گویند وضعیت آرام است.',
  'خبرنگاران اجازه ورود به منطقه را نداشتند.',
];
const FA_CONTEXT = ['روابط ایران و عراق در ماه‌های اخیر پرتنش بوده است.', 'سفارت ایران به درخواست اظهار نظر پاسخ نداد.'];

// ---------------------------------------------------------------- assembly

const articles: Article[] = [];
let counter = 0;

function add(lang: Lang, kind: string, title: string, sentences: string[], fillers: string[], topics: Topic[]): void {
  const extra = shuffle([...fillers]).slice(0, 1 + Math.floor(rnd() * 2));
  const body = shuffle([...sentences, ...extra]);
  // Keep a thematic sentence first most of the time, like a lead.
  if (rnd() < 0.7) {
    const i = body.indexOf(sentences[0] as string);
    if (i > 0) body.unshift(...body.splice(i, 1));
  }
  counter++;
  articles.push({
    id: `${lang}-${String(counter).padStart(3, '0')}`,
    lang,
    title,
    text: body.join(rnd() < 0.2 ? '\n' : ' '),
    topics: [...new Set(topics)].sort(),
    kind,
  });
}

const frameIn = (frames: string[], key: string, name: string): string => fill(pick(frames), { [key]: name });

// English --------------------------------------------------------------
const EN_MEK_TITLES = [
  'Group under pressure',
  'Exiled opposition faces new deadline',
  'Camp residents to be relocated',
  'Court case opens',
  'Defectors speak out',
  'Embassy protest ends peacefully',
];
EN_MEK_NAMES.forEach((name, i) => {
  for (let k = 0; k < 2; k++) {
    const s1 = frameIn(EN_MEK_FRAMES, 'X', name);
    // One spelling per article, so each spelling is tested on its own.
    const s2 = rnd() < 0.5 ? fill(pick(EN_MEK_FRAMES), { X: name }) : pick(EN_IRAN_CONTEXT);
    const inTitle = (i + k) % 4 === 0;
    const title = inTitle
      ? `${name} ${pick(['responds to ban', 'members leave Iraq', 'holds rally', 'denies claims'])}`
      : pick(EN_MEK_TITLES);
    const withAshraf = (i + k) % 5 === 0;
    const sents = [s1, s2];
    const topics: Topic[] = ['mek'];
    if (withAshraf) {
      sents.push(fill(pick(EN_ASHRAF_FRAMES), { P: 'Camp Ashraf' }));
      topics.push('camp-ashraf');
    }
    add(
      'en',
      'mek-alias',
      title,
      sents,
      EN_FILLER.map((f) => fill(f, {})),
      topics,
    );
  }
});
for (let i = 0; i < 20; i++) {
  const acr = EN_MEK_ACRONYMS[i % EN_MEK_ACRONYMS.length] as string;
  const s1 = fill(pick(EN_MEK_ACRONYM_FRAMES), { A: acr.replace(/^the /, '') });
  const hasCtx = /Iran|Rajavi|Ashraf|Albania|Iraq|Tirana|Tehran/.test(s1);
  const sents = [s1];
  if (!hasCtx || rnd() < 0.4) sents.push(pick(EN_IRAN_CONTEXT));
  const topics: Topic[] = ['mek'];
  if (/Camp Ashraf/.test(s1)) topics.push('camp-ashraf');
  add(
    'en',
    'mek-acronym',
    i % 3 === 0 ? `${acr.replace(/^the /, '')} ${pick(['under fire', 'statement', 'rally', 'members'])}` : pick(EN_MEK_TITLES),
    sents,
    EN_FILLER.map((f) => fill(f, {})),
    topics,
  );
}
// Acronym with no context word anywhere: true mentions the acronym rule cannot confirm.
add(
  'en',
  'mek-acronym-bare',
  'MEK supporters march',
  ['MEK supporters marched through the city centre carrying yellow flags.'],
  ['The march ended without incident.'],
  ['mek'],
);
add(
  'en',
  'mek-acronym-bare',
  'Conference hears from PMOI',
  ['Speakers at the conference praised the PMOI and its allies in parliament.'],
  ['Organisers said 400 people attended.'],
  ['mek'],
);
add(
  'en',
  'mek-acronym-bare',
  'Former PMOI and MKO members meet',
  ['Former PMOI members met journalists; some said they had left the MKO decades ago.'],
  ['The meeting lasted two hours.'],
  ['mek'],
);

for (let i = 0; i < 18; i++) {
  const place = EN_ASHRAF_NAMES[i % EN_ASHRAF_NAMES.length] as string;
  const s1 = fill(pick(EN_ASHRAF_FRAMES), { P: place });
  const sents = [s1];
  if (i % 3 === 0) sents.push(fill(pick(EN_ASHRAF_FRAMES), { P: 'the camp' }));
  add(
    'en',
    'ashraf',
    i % 2 === 0 ? `${place.replace(/’s$/, '')} ${pick(['handed over', 'emptied', 'under siege', 'news'])}` : 'Diyala camp update',
    sents,
    EN_FILLER.map((f) => fill(f, {})),
    ['camp-ashraf'],
  );
}
for (let i = 0; i < 15; i++) {
  const place = EN_LIBERTY_NAMES[i % EN_LIBERTY_NAMES.length] as string;
  const s1 = fill(pick(EN_LIBERTY_FRAMES), { P: place });
  add(
    'en',
    'liberty',
    i % 2 === 0 ? 'Transit camp near Baghdad' : `${pick(['Attack on', 'Conditions at', 'Power cut at'])} Camp Liberty`,
    [s1],
    EN_FILLER.map((f) => fill(f, {})),
    ['camp-liberty'],
  );
}
for (let i = 0; i < 14; i++) {
  const s1 = fill(EN_POLIO_POS[i % EN_POLIO_POS.length] as string, {});
  add(
    'en',
    'polio',
    pick(['Vaccinators head out', 'Health ministry begins new round', 'Children vaccinated']),
    [s1],
    EN_FILLER.map((f) => fill(f, {})),
    ['polio-campaign'],
  );
}
for (let i = 0; i < 10; i++) {
  const s1 = fill(EN_POLIO_NEG[i % EN_POLIO_NEG.length] as string, {});
  add(
    'en',
    'polio-neg',
    pick(['Health news', 'Looking back', 'In brief']),
    [s1],
    EN_FILLER.map((f) => fill(f, {})),
    [],
  );
}
const negTitles: Record<string, string[]> = {
  afghan: ['Memories of the Afghan war', 'Veterans gather', 'Kabul history'],
  iranOther: ['Iranian politics', 'Party history', 'Exile memoirs'],
  solvent: ['Chemical markets', 'Factory inspection', 'Solvent prices'],
  mkoOther: ['Democracy day', 'Observatory news', 'Sky watch'],
  liberty: ['Liberty news', 'Around the country', 'In brief'],
  ashraf: ['Politics today', 'Sport', 'Books'],
  neutral: ['In brief', 'Local news', 'Weather'],
};
for (const [kind, list] of Object.entries(EN_NEG)) {
  const reps = kind === 'neutral' ? 1 : 2;
  for (let r = 0; r < reps; r++) {
    for (const s of list) {
      const sents = [s];
      // Hard negatives get Iranian context too, so acronyms and "Mojahedin" have no easy way out.
      if ((kind === 'iranOther' || kind === 'afghan') && rnd() < 0.5) sents.push(pick(EN_IRAN_CONTEXT));
      add(
        'en',
        `neg-${kind}`,
        pick(negTitles[kind] ?? ['News']),
        sents,
        EN_FILLER.map((f) => fill(f, {})),
        [],
      );
    }
  }
}

// Arabic ----------------------------------------------------------------
const AR_TITLES = ['تطورات جديدة', 'بيان رسمي', 'أخبار العراق', 'مستجدات الملف', 'تقرير'];
AR_MEK_NAMES.forEach((name, i) => {
  for (let k = 0; k < 3; k++) {
    const frames = k === 2 ? AR_MEK_CLITIC_FRAMES : AR_MEK_FRAMES;
    const sents = [fill(pick(frames), { X: name })];
    const topics: Topic[] = ['mek'];
    if ((i + k) % 4 === 0) {
      sents.push(fill(pick(AR_ASHRAF_FRAMES), { P: 'مخيم أشرف' }));
      topics.push('camp-ashraf');
    }
    if (rnd() < 0.4) sents.push(pick(AR_CONTEXT));
    add(
      'ar',
      'mek-alias',
      (i + k) % 3 === 0 ? `${name} ${pick(['ترد على الاتهامات', 'تغادر العراق', 'في بيان'])}` : pick(AR_TITLES),
      sents,
      AR_FILLER,
      topics,
    );
  }
});
for (const s of AR_MEK_NOMINATIVE) add('ar', 'mek-nominative', pick(AR_TITLES), [s], AR_FILLER, ['mek']);
for (let i = 0; i < 3; i++) {
  add(
    'ar',
    'mek-acronym',
    pick(AR_TITLES),
    [`قال مسؤول عراقي إن أعضاء ${pick(['MEK', 'MKO', 'PMOI'])} في العراق سيغادرون قريبا.`, pick(AR_CONTEXT)],
    AR_FILLER,
    ['mek'],
  );
}
for (let i = 0; i < 12; i++) {
  const place = AR_ASHRAF_NAMES[i % AR_ASHRAF_NAMES.length] as string;
  add('ar', 'ashraf', i % 2 ? `أخبار ${place}` : 'ديالى', [fill(pick(AR_ASHRAF_FRAMES), { P: place })], AR_FILLER, ['camp-ashraf']);
}
for (let i = 0; i < 9; i++) {
  const place = AR_LIBERTY_NAMES[i % AR_LIBERTY_NAMES.length] as string;
  add('ar', 'liberty', pick(AR_TITLES), [fill(pick(AR_LIBERTY_FRAMES), { P: place })], AR_FILLER, ['camp-liberty']);
}
for (let i = 0; i < 8; i++)
  add('ar', 'polio', 'الصحة', [fill(AR_POLIO_POS[i % AR_POLIO_POS.length] as string, {})], AR_FILLER, ['polio-campaign']);
for (let i = 0; i < 6; i++) add('ar', 'polio-neg', 'الصحة', [AR_POLIO_NEG[i % AR_POLIO_NEG.length] as string], AR_FILLER, []);
for (const [kind, list] of Object.entries(AR_NEG)) {
  for (const s of list) {
    for (let r = 0; r < (kind === 'neutral' ? 1 : 2); r++) {
      const sents = [s];
      if (kind === 'afghan' && rnd() < 0.5) sents.push(pick(AR_CONTEXT));
      add('ar', `neg-${kind}`, pick(AR_TITLES), sents, AR_FILLER, []);
    }
  }
}

// Persian ----------------------------------------------------------------
const FA_TITLES = ['گزارش تازه', 'واکنش رسمی', 'خبر کوتاه', 'تحولات عراق', 'بیانیه'];
FA_MEK_NAMES.forEach((name, i) => {
  for (let k = 0; k < 4; k++) {
    const sents = [fill(pick(FA_MEK_FRAMES), { X: name })];
    const topics: Topic[] = ['mek'];
    if ((i + k) % 4 === 1) {
      sents.push(fill(pick(FA_ASHRAF_FRAMES), { P: 'اردوگاه اشرف' }));
      topics.push('camp-ashraf');
    }
    if (rnd() < 0.4) sents.push(pick(FA_CONTEXT));
    add(
      'fa',
      'mek-alias',
      (i + k) % 3 === 0 ? `${name} ${pick(['و اتهامات تازه', 'در آلبانی', 'در بیانیه‌ای'])}` : pick(FA_TITLES),
      sents,
      FA_FILLER,
      topics,
    );
  }
});
for (let i = 0; i < 12; i++) {
  const place = FA_ASHRAF_NAMES[i % FA_ASHRAF_NAMES.length] as string;
  add('fa', 'ashraf', pick(FA_TITLES), [fill(pick(FA_ASHRAF_FRAMES), { P: place })], FA_FILLER, ['camp-ashraf']);
}
for (let i = 0; i < 9; i++) {
  const place = FA_LIBERTY_NAMES[i % FA_LIBERTY_NAMES.length] as string;
  add('fa', 'liberty', pick(FA_TITLES), [fill(pick(FA_LIBERTY_FRAMES), { P: place })], FA_FILLER, ['camp-liberty']);
}
for (let i = 0; i < 8; i++)
  add('fa', 'polio', 'سلامت', [fill(FA_POLIO_POS[i % FA_POLIO_POS.length] as string, {})], FA_FILLER, ['polio-campaign']);
for (let i = 0; i < 6; i++) add('fa', 'polio-neg', 'سلامت', [FA_POLIO_NEG[i % FA_POLIO_NEG.length] as string], FA_FILLER, []);
for (const [kind, list] of Object.entries(FA_NEG)) {
  for (const s of list) {
    for (let r = 0; r < (kind === 'neutral' ? 1 : 2); r++) {
      const sents = [s];
      if ((kind === 'afghan' || kind === 'iranOther') && rnd() < 0.5) sents.push(pick(FA_CONTEXT));
      add('fa', `neg-${kind}`, pick(FA_TITLES), sents, FA_FILLER, []);
    }
  }
}

// Hand-written edge cases: odd casing, possessives, acronyms confirmed only by the other field,
// and two honest ambiguities the rules cannot resolve (an Iranian solvent market; a summer camp
// that really is called Liberty Camp).
const EDGE: [Lang, string, string, Topic[]][] = [
  ['en', 'MKO members relocated', 'Iraqi officials said the last group would leave by bus before dawn.', ['mek']],
  ['en', 'notes from the archive', 'an old leaflet of the mujahedin-e khalq was found in the attic, along with letters.', ['mek']],
  ['en', 'Leadership questions', "The Mujahedin-e-Khalq's leadership has not answered questions about its finances.", ['mek']],
  ['en', 'MUJAHEDIN-E KHALQ RALLY IN BERLIN', 'Several thousand people attended, the organisers said.', ['mek']],
  ['en', 'Conference in Paris', 'Speakers from the People’s Mojahedin (PMOI) addressed the hall; the Iranian embassy protested.', ['mek']],
  ['en', 'Court ruling', 'The judges examined the status of the Mojahedin-e Khalq Organisation (MKO) under European law.', ['mek']],
  ['en', 'Exile politics', 'The Mojahedin of the Islamic Revolution Organization and other Iranian parties were discussed.', []],
  ['en', 'Petrochemicals', 'Iranian exports of MEK, a solvent, rose sharply this year according to traders.', []],
  ['en', 'Summer programmes', 'Liberty Camp, a summer programme for teenagers in Ohio, opens in June.', []],
  ['en', 'Afghan history', 'Khalq officers and mujahideen commanders negotiated a brief truce in 1989.', []],
  ['en', 'Solvent safety', 'Store M.E.K. away from heat; methyl ethyl ketone vapour is flammable.', []],
  ['ar', 'بيان', 'قالت مجـاهدي خلق في بيان إن أعضاءها غادروا المخيم.', ['mek']],
  ['ar', 'تاريخ', 'روى مقاتلون سابقون من المجاهدين الأفغان ذكرياتهم عن حرب الثمانينيات وعن حزب خلق.', []],
  ['fa', 'گزارش', 'اعضای سازمان مجاهدين خلق در تیرانا تجمع کردند.', ['mek']],
  ['fa', 'تاریخ', 'اعضای سازمان فداییان خلق و مجاهدین انقلاب در آن سال‌ها فعال بودند.', []],
];
for (const [lang, title, text, topics] of EDGE) {
  counter++;
  articles.push({
    id: `${lang}-${String(counter).padStart(3, '0')}`,
    lang,
    title,
    text,
    topics,
    kind: topics.length > 0 ? 'edge-positive' : 'edge-negative',
  });
}

const out = new URL('../test/fixtures/topics/eval.jsonl', import.meta.url);
writeFileSync(out, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
const byLang = (l: Lang): number => articles.filter((a) => a.lang === l).length;
const positives = articles.filter((a) => a.topics.length > 0).length;
process.stderr.write(
  `wrote ${articles.length} articles (en ${byLang('en')}, ar ${byLang('ar')}, fa ${byLang('fa')}; ${positives} with a topic, ${articles.length - positives} without) to ${out.pathname}\n`,
);
