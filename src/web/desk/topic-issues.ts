// What is wrong with a topic definition, in the editor's language. The topics reader gives each
// error as a key and parameters (src/topics/issues.ts); English here is that module's own text (one
// English catalogue, which the CLI and the logs use too), Arabic and Persian are written beside it.
import { type Catalogue, fill, type Lang, type Params } from '../../locale/index.js';
import {
  ALERT_PROBLEM_EN,
  type AlertProblemKind,
  type JsonSyntaxKind,
  type QuerySyntaxKind,
  TOPIC_FIELD_EN,
  TOPIC_ISSUE_EN,
  type TopicField,
  type TopicIssue,
  type TopicIssueKey,
  withAlertProblem,
  withFieldNames,
  type YamlCode,
} from '../../topics/issues.js';
import { formatCount } from '../locale.js';

type IssueText = Record<Exclude<TopicIssueKey, `query.syntax.${string}` | `json.${string}` | `yaml.${YamlCode}`>, string>;

interface Language {
  fields: Record<TopicField, string>;
  issues: IssueText;
  /** How a query syntax error and a JSON syntax error are framed ({detail} is the sentence). Every
   * kind of QUERY_SYNTAX_EN and JSON_SYNTAX_EN (issues.ts) must be here, or this does not compile. */
  querySyntax: string;
  jsonSyntax: string;
  query: Record<QuerySyntaxKind, string>;
  json: Record<JsonSyntaxKind, string>;
  /** The YAML library's errors in this language's words (its English sentence is left out). */
  yaml: Record<YamlCode, string>;
  /** What is wrong with an alert setting ({problem} of the `alerts.*` issues). */
  alerts: Record<AlertProblemKind, string>;
}

const ar: Language = {
  fields: {
    topicId: 'معرّف الموضوع',
    topicName: 'اسم الموضوع',
    description: 'الوصف',
    query: 'الاستعلام',
    queryTerm: 'مصطلح الاستعلام',
    entityId: 'معرّف الكيان',
    entityName: 'اسم الكيان',
    alias: 'الاسم البديل',
    aliasItem: 'عنصر الأسماء البديلة',
    acronym: 'الاختصار',
    acronymItem: 'عنصر الاختصارات',
    context: 'مصطلح السياق',
    contextItem: 'عنصر مصطلحات السياق',
    related: 'المصطلح ذو الصلة',
    relatedItem: 'عنصر المصطلحات ذات الصلة',
    place: 'المكان',
    placeItem: 'عنصر الأماكن',
    country: 'البلد',
    language: 'اللغة',
    languageItem: 'عنصر اللغات',
  },
  issues: {
    'file.missing': 'تعذّرت قراءة ملف المواضيع {path}: الملف غير موجود',
    'file.denied': 'تعذّرت قراءة ملف المواضيع {path}: لا إذن بقراءته',
    'file.unreadable': 'تعذّرت قراءة ملف المواضيع {path}: {detail}',
    'yaml.syntax': 'خطأ في صياغة YAML: {detail}',
    'yaml.aliases': 'إحالات YAML ‏(‎*name) كثيرة يتوسّع بعضها في بعض؛ اكتب المواضيع كاملة بدلاً منها',
    'yaml.tooDeep': 'قوائم وكائنات متداخلة أكثر من 100 مستوى؛ يكفي ملفَّ المواضيع خمسة مستويات أو ستة',
    'root.notList': 'المتوقَّع قائمة مواضيع، أو كائن فيه قائمة «topics»',
    'topics.notList': 'يجب أن تكون «topics» قائمة',
    'topics.notOne': 'اكتب موضوعاً واحداً بالضبط هنا.',
    'topics.bareTopic':
      'هذا موضوع واحد مكتوب وحده، لكن المواضيع قائمة: ضع «- » قبل سطره الأول ومسافتين قبل كل سطر تحته، كما في نص الموضوع الجديد (أو ضع الموضوع تحت «topics:»)',
    'topic.notObject': 'يجب أن يكون كل موضوع كائناً فيه id وname على الأقل',
    'topic.badId': 'معرّف الموضوع «{id}» لا يتألف إلا من حروف وأرقام و«-» و«_» و«.» (لأنه يظهر في الروابط)',
    'topic.idTwice': 'معرّف الموضوع «{id}» مستخدم مرتين',
    'topic.neverMatches': 'ليس للموضوع «{id}» كيانات ولا استعلام، فلن يطابق أي خبر أبداً',
    'entity.notObject': 'يجب أن يكون كل كيان كائناً فيه name على الأقل',
    'entity.badCountry': '«{code}» ليس رمز بلد: اكتب رمزه الثنائي في ISO 3166-1، مثل NE للنيجر أو IR لإيران',
    'entity.idTwice': 'معرّف الكيان «{id}» مستخدم مرتين في الموضوع «{topic}»؛ أعطِ أحدهما «id» آخر',
    'entities.notList': 'يجب أن تكون entities قائمة',
    'field.required': 'لا بد من {what}',
    'field.notText': 'يجب أن يكون {what} نصاً',
    'field.empty': 'لا يجوز أن يكون {what} فارغاً',
    'field.notList': 'يجب أن يكون {what} قائمة نصوص',
    'phrase.noLetters': 'رُفض {what} «{text}»: ليس فيه حروف ولا أرقام',
    'phrase.singleLetter':
      'رُفض {what} «{text}»: إنه حرف واحد سيطابق داخل أي نص عادي؛ اكتب الاسم كاملاً، أو ضع اختصاراً من حرفين أو أكثر تحت «acronyms»',
    'phrase.tooLong':
      'رُفض {what}: عدد كلماته فوق الحد الأقصى ({max})، وهو أطول من أي اسم (كل حرف صيني أو ياباني يُعدّ كلمة)؛ اكتب الاسم نفسه',
    'acronym.refused': 'رُفض الاختصار «{text}»: الاختصار كلمة واحدة من حرفين أو رقمين أو أكثر، مثل MEK أو M.E.K.',
    'query.unknownRef': 'يشير الاستعلام إلى @{name}، وهو ليس كياناً في الموضوع «{topic}» (الكيانات: {known}؛ وأيضاً @places و@related)',
    'query.unknownRefNone': 'يشير الاستعلام إلى @{name}، وهو ليس كياناً في الموضوع «{topic}» (لا كيانات فيه؛ وأيضاً @places و@related)',
    'key.unknown': 'تم تجاهل المفتاح المجهول «{key}» (المفاتيح المعروفة: {known})',
    'alerts.off': '{problem}؛ تنبيهات الموضوع «{topic}» متوقفة',
    'alerts.channelOff': '{problem}؛ تنبيه {channel} للموضوع «{topic}» متوقف',
    'alerts.maxAgeDefault': '{problem}؛ يستعمل الموضوع «{topic}» القيمة الافتراضية بالساعات {hours}',
    'alerts.webhookPrivate':
      'خطاف الموضوع «{topic}» عنوانٌ في شبكة خاصة أو محلية: لا يرسل إليه Newsdesk إلا إذا أدرجه مشغّل الخادم في alertAllowHosts ‏(NEWSDESK_ALERT_ALLOW_HOSTS)؛ أما allowHosts، الذي يتيح قراءة الخلاصات هناك، فلا يسري على الخطافات',
    'schema.other': '{detail}',
  },
  querySyntax: 'خطأ في صياغة الاستعلام: {detail} (سطر الاستعلام {qline}، العمود {qcolumn})',
  jsonSyntax: 'خطأ في صياغة JSON: {detail}',
  query: {
    unterminatedPhrase: 'عبارة غير مغلقة: أضف علامة الاقتباس المزدوجة الخاتمة (")',
    emptyPhrase: 'عبارة فارغة ""',
    nearRange: 'مسافة NEAR عدد من الكلمات بين 1 و{max}',
    nearNumber: 'تحتاج NEAR إلى عدد الكلمات: NEAR/5',
    badRef: 'الإشارة إلى كيان هي @ يليها معرّف الكيان، مثل @mek',
    tooDeep: 'المجموعات وNOT وNEAR والحقول متداخلة أعمق من الحد الأقصى للمستويات ({max})؛ بسّط الاستعلام',
    nearNot: 'تحتاج NEAR إلى كلمات على جانبيها، لا إلى NOT',
    emptyGroup: 'مجموعة فارغة ()',
    unclosed: 'المتوقَّع «)» لإغلاق المجموعة المفتوحة في العمود {open}',
    fieldOperand: 'المتوقَّع كلمة أو عبارة أو مجموعة بعد {field}:',
    unexpectedEnd: 'انتهى الاستعلام قبل أوانه: يحتاج العامل إلى ما يليه',
    unexpectedClose: '«)» في غير موضعها: لا مجموعة مفتوحة',
    unexpectedOperator: '{token} في غير موضعه: المتوقَّع كلمة أو عبارة أو @كيان أو مجموعة',
    unexpected: '{token} في غير موضعه',
  },
  json: {
    propertyName: 'المتوقَّع اسم خاصية بين علامتي اقتباس، ووُجد {found}',
    colon: 'المتوقَّع «:» بعد اسم الخاصية، ووُجد {found}',
    objectSeparator: 'المتوقَّع «,» أو «}» في الكائن، ووُجد {found}',
    listSeparator: 'المتوقَّع «,» أو «]» في القائمة، ووُجد {found}',
    value: 'المتوقَّع قيمة، ووُجد {found}',
    trailing: '{found} في غير موضعه بعد نهاية المستند',
    endOfFile: 'ينتهي المستند قبل أوانه (هل تنقصه «]» أو «}» أو قيمة؟)',
    unicodeEscape: 'تهريب \\u غير صالح: المتوقَّع أربعة أرقام ست عشرية',
    escape: 'تهريب غير صالح في نص بين علامتي اقتباس',
    controlCharacter: 'محرف تحكم في نص بين علامتي اقتباس (سطر جديد داخل الاقتباس؟)',
    unterminatedString: 'نص بين علامتي اقتباس لم يُغلق',
    tooDeep: 'قوائم وكائنات متداخلة أكثر من 100 مستوى؛ يكفي ملفَّ المواضيع خمسة مستويات أو ستة',
  },
  yaml: {
    BAD_INDENT: 'خطأ في صياغة YAML: قائمة [ ] أو كائن { } لم يُغلق، أو لم تُزح أسطره تحت مفتاحه',
    TAB_AS_INDENT: 'خطأ في صياغة YAML: لا تُستعمل علامة الجدولة (Tab) للإزاحة؛ استعمل المسافات',
    DUPLICATE_KEY: 'خطأ في صياغة YAML: المفتاح نفسه مكتوب مرتين في الكائن نفسه',
    BLOCK_AS_IMPLICIT_KEY: 'خطأ في صياغة YAML: نقطتان «:» ثانيتان في السطر نفسه؛ ضع القيمة التي فيها «:» بين علامتي اقتباس',
    MULTILINE_IMPLICIT_KEY: 'خطأ في صياغة YAML: المفتاح لا يمتد على أكثر من سطر؛ هل الإزاحة صحيحة، أو هل تنقص «:»؟',
    MISSING_CHAR: 'خطأ في صياغة YAML: ينقص محرف هنا (علامة اقتباس خاتمة، أو «-» قبل عنصر قائمة، أو قوس إغلاق)',
    BAD_SCALAR_START: 'خطأ في صياغة YAML: لا تبدأ قيمة بلا اقتباس بمحرف محجوز مثل @ أو `؛ ضعها بين علامتي اقتباس',
    BAD_DQ_ESCAPE: 'خطأ في صياغة YAML: تهريب غير صالح بعد \\ في نص بين علامتي اقتباس مزدوجتين',
    MULTIPLE_DOCS: 'خطأ في صياغة YAML: في النص أكثر من مستند (سطر «---»)؛ اكتب مستنداً واحداً',
  },
  alerts: {
    notMapping: 'يجب أن يكون كائناً فيه webhook أو email أو كلاهما',
    webhookNotMapping: 'يجب أن يكون كائناً {url, secretEnv} (أو secretFile، أو secret)',
    urlNotText: 'يجب أن يكون رابطاً كاملاً مثل https://hooks.example/newsdesk',
    urlInvalid: 'ليس رابطاً كاملاً مثل https://hooks.example/newsdesk',
    urlScheme: '{scheme} ليس http ولا https',
    secretNotText: 'يجب أن يكون نصاً (ضعه بين علامتي اقتباس)',
    secretEnvName: 'يجب أن يكون اسم متغير بيئة',
    secretEnvPattern: 'يجب أن يكون اسم متغير بيئة، مثل MEK_HOOK_SECRET',
    secretFilePath: 'يجب أن يكون مسار ملف',
    secretMissing:
      'يحتاج إلى سرّ يوقّع به طلباته ليميّزها المستقبِل من المزوّرة: أعطِ secretEnv: NAME (متغير بيئة) أو secretFile: PATH (ملف، كما يمرّر Docker وsystemd الأسرار) أو secret: "<16 محرفاً عشوائياً أو أكثر>"',
    secretTwice: 'أعطِ واحداً فقط من secret وsecretEnv وsecretFile، لا {given}',
    secretShort: 'أقصر من الحد الأدنى (بالمحارف: {min})؛ استعمل نصاً عشوائياً طويلاً (openssl rand -hex 32)',
    emailNotMapping: 'يجب أن يكون كائناً {to, every, hour}',
    addressNotText: 'يجب أن يكون عنوان بريد إلكتروني',
    addressesNotList: 'يجب أن يكون عنواناً أو قائمة عناوين',
    addressInvalid: 'ليس عنوان بريد إلكتروني (name@domain)',
    addressNone: 'أعطِ عنواناً واحداً على الأقل',
    every: '{input} ليست hourly ولا daily',
    hour: '{input} ليست ساعة كاملة من 0 إلى 23 (بالتوقيت العالمي)',
    hourRange: 'ليست ساعة كاملة من 0 إلى 23 (بالتوقيت العالمي)',
    maxAge: '{input} ليس عدد ساعات موجباً',
    other: '{detail}',
  },
};

const fa: Language = {
  fields: {
    topicId: 'شناسهٔ موضوع',
    topicName: 'نام موضوع',
    description: 'توضیح',
    query: 'پرس‌وجو',
    queryTerm: 'واژهٔ پرس‌وجو',
    entityId: 'شناسهٔ موجودیت',
    entityName: 'نام موجودیت',
    alias: 'نام دیگر',
    aliasItem: 'مورد نام‌های دیگر',
    acronym: 'سرواژه',
    acronymItem: 'مورد سرواژه‌ها',
    context: 'واژهٔ زمینه',
    contextItem: 'مورد واژه‌های زمینه',
    related: 'واژهٔ مرتبط',
    relatedItem: 'مورد واژه‌های مرتبط',
    place: 'مکان',
    placeItem: 'مورد مکان‌ها',
    country: 'کشور',
    language: 'زبان',
    languageItem: 'مورد زبان‌ها',
  },
  issues: {
    'file.missing': 'پروندهٔ موضوع‌ها {path} خوانده نشد: چنین پرونده‌ای نیست',
    'file.denied': 'پروندهٔ موضوع‌ها {path} خوانده نشد: اجازهٔ خواندنش نیست',
    'file.unreadable': 'پروندهٔ موضوع‌ها {path} خوانده نشد: {detail}',
    'yaml.syntax': 'خطای نحوی YAML: {detail}',
    'yaml.aliases': 'ارجاع‌های YAML ‏(‎*name) بیش از اندازه در هم گسترده می‌شوند؛ به‌جای آن موضوع‌ها را کامل بنویسید',
    'yaml.tooDeep': 'فهرست‌ها و نگاشت‌های بیش از 100 سطح تودرتو هستند؛ پروندهٔ موضوع‌ها به پنج یا شش سطح نیاز دارد',
    'root.notList': 'فهرستی از موضوع‌ها، یا شیئی با فهرست «topics» انتظار می‌رفت',
    'topics.notList': '«topics» باید فهرست باشد',
    'topics.notOne': 'اینجا دقیقاً یک موضوع بنویسید.',
    'topics.bareTopic':
      'این یک موضوع است که تنها نوشته شده، اما موضوع‌ها فهرست‌اند: پیش از سطر اولش «- » و پیش از هر سطر زیرش دو فاصله بگذارید، مانند متن موضوع تازه (یا موضوع را زیر «topics:» بگذارید)',
    'topic.notObject': 'هر موضوع باید شیئی با دست‌کم id و name باشد',
    'topic.badId': 'شناسهٔ موضوع «{id}» فقط از حرف، رقم، «-»، «_» و «.» ساخته می‌شود (در نشانی‌ها می‌آید)',
    'topic.idTwice': 'شناسهٔ موضوع «{id}» دو بار آمده است',
    'topic.neverMatches': 'موضوع «{id}» نه موجودیتی دارد نه پرس‌وجویی، پس هرگز با خبری جور نمی‌شود',
    'entity.notObject': 'هر موجودیت باید شیئی با دست‌کم یک name باشد',
    'entity.badCountry': '«{code}» کد کشور نیست: کد دوحرفی ISO 3166-1 آن را بنویسید، مانند NE برای نیجر یا IR برای ایران',
    'entity.idTwice': 'شناسهٔ موجودیت «{id}» در موضوع «{topic}» دو بار آمده است؛ به یکی «id» دیگری بدهید',
    'entities.notList': 'entities باید فهرست باشد',
    'field.required': '{what} لازم است',
    'field.notText': '{what} باید متن باشد',
    'field.empty': '{what} نباید خالی باشد',
    'field.notList': '{what} باید فهرستی از متن‌ها باشد',
    'phrase.noLetters': '{what} «{text}» پذیرفته نشد: هیچ حرف یا رقمی ندارد',
    'phrase.singleLetter':
      '{what} «{text}» پذیرفته نشد: تک‌حرفی است و درون هر متن عادی پیدا می‌شود؛ نام کامل را بنویسید، یا سرواژه‌ای دوحرفی یا بلندتر را زیر «acronyms» بگذارید',
    'phrase.tooLong':
      '{what} پذیرفته نشد: بیش از {max} واژه دارد و از هر نامی بلندتر است (هر نویسهٔ چینی یا ژاپنی یک واژه شمرده می‌شود)؛ خود نام را بنویسید',
    'acronym.refused': 'سرواژهٔ «{text}» پذیرفته نشد: سرواژه یک واژه از دو حرف یا رقم یا بیشتر است، مانند MEK یا M.E.K.',
    'query.unknownRef': 'پرس‌وجو به @{name} ارجاع می‌دهد که موجودیتی از موضوع «{topic}» نیست (موجودیت‌ها: {known}؛ و نیز @places و @related)',
    'query.unknownRefNone':
      'پرس‌وجو به @{name} ارجاع می‌دهد که موجودیتی از موضوع «{topic}» نیست (موضوع موجودیتی ندارد؛ و نیز @places و @related)',
    'key.unknown': 'کلید ناشناختهٔ «{key}» نادیده گرفته شد (کلیدهای شناخته: {known})',
    'alerts.off': '{problem}؛ هشدارهای موضوع «{topic}» خاموش است',
    'alerts.channelOff': '{problem}؛ هشدار {channel} موضوع «{topic}» خاموش است',
    'alerts.maxAgeDefault': '{problem}؛ موضوع «{topic}» مقدار پیش‌فرض {hours} ساعت را به کار می‌برد',
    'alerts.webhookPrivate':
      'وب‌هوک موضوع «{topic}» نشانی‌ای در شبکهٔ خصوصی یا محلی است: Newsdesk تنها وقتی به آن می‌فرستد که گردانندهٔ سرور آن را در alertAllowHosts ‏(NEWSDESK_ALERT_ALLOW_HOSTS) بیاورد؛ allowHosts که خواندن خوراک‌ها را از آنجا ممکن می‌کند، برای وب‌هوک‌ها به کار نمی‌رود',
    'schema.other': '{detail}',
  },
  querySyntax: 'خطای نحوی پرس‌وجو: {detail} (سطر {qline}، ستون {qcolumn} پرس‌وجو)',
  jsonSyntax: 'خطای نحوی JSON: {detail}',
  query: {
    unterminatedPhrase: 'عبارت بسته نشده است: گیومهٔ دوتایی پایانی (") را بیفزایید',
    emptyPhrase: 'عبارت خالی ""',
    nearRange: 'فاصلهٔ NEAR باید از ۱ تا {max} واژه باشد',
    nearNumber: 'NEAR شمار واژه‌ها را می‌خواهد: NEAR/5',
    badRef: 'ارجاع به موجودیت یعنی @ و پس از آن شناسهٔ موجودیت، مانند @mek',
    tooDeep: 'گروه‌ها، NOT، NEAR و فیلدها بیش از {max} لایه تودرتو شده‌اند؛ پرس‌وجو را ساده‌تر کنید',
    nearNot: 'NEAR در دو سویش واژه می‌خواهد، نه NOT',
    emptyGroup: 'گروه خالی ()',
    unclosed: 'برای بستن گروهی که در ستون {open} باز شد «)» لازم است',
    fieldOperand: 'پس از {field}: یک واژه، عبارت یا گروه لازم است',
    unexpectedEnd: 'پرس‌وجو ناتمام مانده است: پس از عملگر چیزی لازم است',
    unexpectedClose: '«)» بی‌جاست: گروهی باز نیست',
    unexpectedOperator: '{token} بی‌جاست: یک واژه، عبارت، @موجودیت یا گروه انتظار می‌رفت',
    unexpected: '{token} بی‌جاست',
  },
  json: {
    propertyName: 'نام ویژگی میان گیومه انتظار می‌رفت، ولی {found} آمد',
    colon: 'پس از نام ویژگی «:» انتظار می‌رفت، ولی {found} آمد',
    objectSeparator: 'در شیء «,» یا «}» انتظار می‌رفت، ولی {found} آمد',
    listSeparator: 'در فهرست «,» یا «]» انتظار می‌رفت، ولی {found} آمد',
    value: 'یک مقدار انتظار می‌رفت، ولی {found} آمد',
    trailing: '{found} پس از پایان سند بی‌جاست',
    endOfFile: 'سند زودتر از موعد تمام می‌شود («]»، «}» یا مقداری کم است؟)',
    unicodeEscape: 'گریز \\u نادرست: چهار رقم شانزده‌شانزدهی لازم است',
    escape: 'گریز نادرست در متن میان گیومه',
    controlCharacter: 'نویسهٔ کنترلی در متن میان گیومه (شکست سطر درون گیومه؟)',
    unterminatedString: 'متن میان گیومه بسته نشده است',
    tooDeep: 'فهرست‌ها و شیءها بیش از 100 سطح تودرتو هستند؛ پروندهٔ موضوع‌ها به پنج یا شش سطح نیاز دارد',
  },
  yaml: {
    BAD_INDENT: 'خطای نحوی YAML: فهرست [ ] یا شیء { } بسته نشده، یا سطرهایش زیر کلیدش تورفتگی ندارند',
    TAB_AS_INDENT: 'خطای نحوی YAML: برای تورفتگی از Tab استفاده نکنید؛ فاصله بگذارید',
    DUPLICATE_KEY: 'خطای نحوی YAML: یک کلید در یک شیء دو بار آمده است',
    BLOCK_AS_IMPLICIT_KEY: 'خطای نحوی YAML: دونقطهٔ «:» دوم در همان سطر؛ مقداری را که «:» دارد میان گیومه بگذارید',
    MULTILINE_IMPLICIT_KEY: 'خطای نحوی YAML: کلید نمی‌تواند چندسطری باشد؛ تورفتگی درست است، یا «:» جا افتاده؟',
    MISSING_CHAR: 'خطای نحوی YAML: نویسه‌ای اینجا کم است (گیومهٔ پایانی، «-» پیش از مورد فهرست، یا کمانک بستن)',
    BAD_SCALAR_START: 'خطای نحوی YAML: مقدار بی‌گیومه با نویسهٔ رزروشده‌ای مانند @ یا ` آغاز نمی‌شود؛ آن را میان گیومه بگذارید',
    BAD_DQ_ESCAPE: 'خطای نحوی YAML: گریز نادرست پس از \\ در متن میان گیومهٔ دوتایی',
    MULTIPLE_DOCS: 'خطای نحوی YAML: متن بیش از یک سند دارد (سطر «---»)؛ یک سند بنویسید',
  },
  alerts: {
    notMapping: 'باید شیئی با webhook یا email یا هر دو باشد',
    webhookNotMapping: 'باید شیء {url, secretEnv} (یا secretFile، یا secret) باشد',
    urlNotText: 'باید نشانی کاملی مانند https://hooks.example/newsdesk باشد',
    urlInvalid: 'نشانی کاملی مانند https://hooks.example/newsdesk نیست',
    urlScheme: '{scheme} نه http است نه https',
    secretNotText: 'باید متن باشد (آن را میان گیومه بگذارید)',
    secretEnvName: 'باید نام یک متغیر محیطی باشد',
    secretEnvPattern: 'باید نام یک متغیر محیطی باشد، مانند MEK_HOOK_SECRET',
    secretFilePath: 'باید مسیر یک پرونده باشد',
    secretMissing:
      'برای امضای درخواست‌هایش رمزی لازم دارد تا گیرنده آن‌ها را از جعلی‌ها بازشناسد: secretEnv: NAME (متغیر محیطی)، secretFile: PATH (پرونده، همان‌گونه که Docker و systemd رمزها را می‌دهند) یا secret: "<۱۶ نویسهٔ تصادفی یا بیشتر>" را بدهید',
    secretTwice: 'فقط یکی از secret، secretEnv و secretFile را بدهید، نه {given}',
    secretShort: 'کوتاه‌تر از {min} نویسه است؛ رشته‌ای تصادفی و بلند به کار ببرید (openssl rand -hex 32)',
    emailNotMapping: 'باید شیء {to, every, hour} باشد',
    addressNotText: 'باید نشانی ایمیل باشد',
    addressesNotList: 'باید یک نشانی یا فهرستی از نشانی‌ها باشد',
    addressInvalid: 'نشانی ایمیل نیست (name@domain)',
    addressNone: 'دست‌کم یک نشانی بدهید',
    every: '{input} نه hourly است نه daily',
    hour: '{input} ساعتی درست از ۰ تا ۲۳ (به وقت جهانی) نیست',
    hourRange: 'ساعتی درست از ۰ تا ۲۳ (به وقت جهانی) نیست',
    maxAge: '{input} شمار مثبتی از ساعت‌ها نیست',
    other: '{detail}',
  },
};

type IssueCatalogueKey = `issue.${TopicIssueKey}` | `field.${TopicField}` | `alert.${AlertProblemKind}`;

function entries(l: Language): Record<IssueCatalogueKey, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(l.fields)) out[`field.${k}`] = v;
  for (const [k, v] of Object.entries(l.issues)) out[`issue.${k}`] = v;
  for (const [k, v] of Object.entries(l.query)) out[`issue.query.syntax.${k}`] = l.querySyntax.replace('{detail}', v);
  for (const [k, v] of Object.entries(l.json)) out[`issue.json.${k}`] = l.jsonSyntax.replace('{detail}', v);
  for (const [k, v] of Object.entries(l.yaml)) out[`issue.yaml.${k}`] = v;
  for (const [k, v] of Object.entries(l.alerts)) out[`alert.${k}`] = v;
  return out as Record<IssueCatalogueKey, string>;
}

function english(): Record<IssueCatalogueKey, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(TOPIC_FIELD_EN)) out[`field.${k}`] = v;
  for (const [k, v] of Object.entries(TOPIC_ISSUE_EN)) out[`issue.${k}`] = v;
  for (const [k, v] of Object.entries(ALERT_PROBLEM_EN)) out[`alert.${k}`] = v;
  return out as Record<IssueCatalogueKey, string>;
}

export const TOPIC_ISSUE_MESSAGES: Catalogue<IssueCatalogueKey> = { en: english(), ar: entries(ar), fa: entries(fa) };

/** A number as the language writes it (Persian digits in Persian), like the site's counts. */
function localNumbers(params: Params | undefined, lang: Lang): Params | undefined {
  if (!params) return params;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'number' ? formatCount(v, lang) : v;
  return out;
}

/** The issue in `lang`: its sentence from the catalogue, the field it names and its numbers too. */
export function topicIssueText(lang: Lang, issue: TopicIssue): string {
  const own = TOPIC_ISSUE_MESSAGES[lang];
  const text = (key: IssueCatalogueKey): string => own[key] ?? TOPIC_ISSUE_MESSAGES.en[key];
  const params = localNumbers(
    withFieldNames(issue.params, (f) => text(`field.${f}`)),
    lang,
  );
  return fill(
    text(`issue.${issue.key}`),
    withAlertProblem(params, (k) => text(`alert.${k}`)),
  );
}
