package testcorpus

// Buyer and shop texts. Placeholders: {order} {tracking} {product} {days}.
// Texts of languages that legacy charsets carry must stay encodable in them:
// no "€", "œ" or typographic quotes in the Latin-1 languages, only
// GB2312 characters in zh-Hans, only KS X 1001 syllables in ko.

// Topics, in the order of language.topics.
const (
	topicWhere = iota
	topicRefund
	topicReturn
	topicDamaged
	topicQuestion
	topicCancel
	topicAddress
	topicInvoice
	numTopics
)

var topicNames = [numTopics]string{"where", "refund", "return", "damaged", "question", "cancel", "address", "invoice"}

type topicText struct{ subject, body string }

type person struct{ name, local, domain string }

type language struct {
	code     string
	weight   int
	re       string   // reply subject prefix
	greet    []string // first line
	closing  []string // before the signature
	topics   [numTopics]topicText
	extra    []string // extra sentences
	shop     []string // the shop's answers
	people   []person
	zones    []int    // UTC offsets in minutes the buyers write from
	wrote    string   // reply attribution, %s = "date, name <addr>"
	charsets []string // legacy charsets this language is sent in
}

var languages = []*language{
	{
		code: "en", weight: 30, re: "Re: ",
		greet:   []string{"Hello,", "Hi there,", "Hi,", "Dear Sir or Madam,"},
		closing: []string{"Thanks,", "Best regards,", "Kind regards,", "Thank you,"},
		topics: [numTopics]topicText{
			{"Where is my order {order}?", "I placed order {order} {days} days ago and it still hasn't arrived. The tracking number {tracking} hasn't been updated since last week. Can you tell me where my package is?"},
			{"Refund for order {order}", "I returned the {product} from order {order} two weeks ago but I still haven't received my refund. Could you please check the status?"},
			{"Return request - order {order}", "The {product} I received doesn't fit my needs and I would like to return it. Please send me a return label for order {order}."},
			{"Item arrived damaged ({order})", "My {product} arrived broken and the box was crushed. I attached photos. I would like a replacement or a full refund."},
			{"Question about {product}", "Before I order, could you tell me if the {product} is compatible with the European version? Also, how long does shipping to Canada take?"},
			{"Please cancel order {order}", "I ordered by mistake. Please cancel order {order} before it ships. Thank you for your understanding."},
			{"Wrong shipping address on {order}", "I just noticed that the shipping address on order {order} is wrong. The correct house number is 14, not 41. Can you still change it?"},
			{"Invoice needed for order {order}", "Could you please send me a VAT invoice for order {order}? I need it for my company's accounting."},
		},
		extra: []string{"I have been a customer for years and this is the first time I have had a problem.", "Please reply as soon as possible.", "My phone number is in the order if you need to call me."},
		shop:  []string{"Thank you for contacting us. We are sorry for the inconvenience and are looking into your order {order}.", "We have issued a full refund; it should appear on your statement within 3-5 business days. Tracking for the replacement: {tracking}."},
		people: []person{{"Jennifer Miller", "jmiller", "gmail.com"}, {"Michael Brown", "mike.brown", "yahoo.com"},
			{"Sarah Johnson", "sarahj", "outlook.com"}, {"David Wilson", "dwilson", "comcast.net"}, {"Emily Clarke", "emily.clarke", "btinternet.com"}},
		zones: []int{-300, -360, -420, -480, 0, 60},
		wrote: "On %s wrote:", charsets: nil,
	},
	{
		code: "es", weight: 7, re: "RE: ",
		greet:   []string{"Hola,", "Buenos días,", "Estimados señores:"},
		closing: []string{"Gracias,", "Saludos cordiales,", "Un saludo,"},
		topics: [numTopics]topicText{
			{"¿Dónde está mi pedido {order}?", "Hice el pedido {order} hace {days} días y todavía no ha llegado. El número de seguimiento {tracking} no se ha actualizado desde la semana pasada. ¿Me pueden decir dónde está mi paquete?"},
			{"Reembolso del pedido {order}", "Devolví el {product} del pedido {order} hace dos semanas, pero todavía no he recibido el reembolso. ¿Podrían revisar el estado, por favor?"},
			{"Solicitud de devolución - pedido {order}", "El {product} que recibí no es lo que esperaba y quiero devolverlo. Por favor, envíenme una etiqueta de devolución para el pedido {order}."},
			{"El artículo llegó dañado ({order})", "Mi {product} llegó roto, la caja estaba aplastada. Adjunto fotos. Quisiera un reemplazo o el reembolso completo."},
			{"Pregunta sobre {product}", "Antes de comprar, ¿podrían decirme si el {product} es compatible con la versión europea? Además, ¿cuánto tarda el envío a España?"},
			{"Por favor, cancelen el pedido {order}", "Hice el pedido por error. Por favor, cancelen el pedido {order} antes de que lo envíen. Gracias por su comprensión."},
			{"Dirección de envío incorrecta en {order}", "Acabo de ver que la dirección de envío del pedido {order} es incorrecta. El número correcto es 14, no 41. ¿Todavía se puede cambiar?"},
			{"Necesito la factura del pedido {order}", "¿Podrían enviarme una factura con IVA del pedido {order}? La necesito para la contabilidad de mi empresa."},
		},
		extra: []string{"Soy cliente desde hace años y es la primera vez que tengo un problema.", "Por favor, respondan lo antes posible.", "Mi número de teléfono está en el pedido si necesitan llamarme."},
		shop:  []string{"Gracias por contactarnos. Sentimos las molestias y estamos revisando su pedido {order}.", "Hemos emitido el reembolso completo; lo verá en su cuenta en 3-5 días hábiles. Seguimiento del reemplazo: {tracking}."},
		people: []person{{"María García", "maria.garcia", "gmail.com"}, {"Javier Fernández", "jfernandez", "hotmail.es"},
			{"Lucía Martínez", "lucia.mtz", "yahoo.es"}},
		zones: []int{60, 120, -360}, wrote: "El %s escribió:",
		charsets: []string{"iso-8859-1", "windows-1252"},
	},
	{
		code: "fr", weight: 6, re: "RE : ",
		greet:   []string{"Bonjour,", "Madame, Monsieur,"},
		closing: []string{"Merci,", "Cordialement,", "Bien à vous,"},
		topics: [numTopics]topicText{
			{"Où est ma commande {order} ?", "J'ai passé la commande {order} il y a {days} jours et elle n'est toujours pas arrivée. Le numéro de suivi {tracking} n'a pas été mis à jour depuis la semaine dernière. Pouvez-vous me dire où se trouve mon colis ?"},
			{"Remboursement de la commande {order}", "J'ai renvoyé le {product} de la commande {order} il y a deux semaines, mais je n'ai toujours pas reçu mon remboursement. Pourriez-vous vérifier ?"},
			{"Demande de retour - commande {order}", "Le {product} reçu ne correspond pas à mes attentes et je souhaite le retourner. Merci de m'envoyer une étiquette de retour pour la commande {order}."},
			{"Article arrivé endommagé ({order})", "Mon {product} est arrivé cassé, le carton était écrasé. Je joins des photos. Je voudrais un remplacement ou un remboursement complet."},
			{"Question sur {product}", "Avant de commander, pouvez-vous me dire si le {product} est compatible avec la version européenne ? Et combien de temps prend la livraison en France ?"},
			{"Merci d'annuler la commande {order}", "J'ai commandé par erreur. Merci d'annuler la commande {order} avant l'expédition. Merci de votre compréhension."},
			{"Mauvaise adresse de livraison pour {order}", "Je viens de remarquer que l'adresse de livraison de la commande {order} est erronée. Le bon numéro de rue est le 14, pas le 41. Est-il encore possible de la modifier ?"},
			{"Facture pour la commande {order}", "Pourriez-vous m'envoyer une facture avec TVA pour la commande {order} ? J'en ai besoin pour la comptabilité de mon entreprise."},
		},
		extra: []string{"Je suis client depuis des années et c'est la première fois que j'ai un problème.", "Merci de me répondre rapidement.", "Mon numéro de téléphone figure dans la commande si besoin."},
		shop:  []string{"Merci de nous avoir contactés. Nous sommes désolés pour ce désagrément et nous vérifions votre commande {order}.", "Nous avons effectué un remboursement complet ; il apparaîtra sur votre relevé sous 3 à 5 jours ouvrés. Suivi du remplacement : {tracking}."},
		people: []person{{"Élodie Fournier", "elodie.fournier", "orange.fr"}, {"Julien Moreau", "j.moreau", "free.fr"},
			{"Camille Lefèvre", "camille.lefevre", "gmail.com"}},
		zones: []int{60, 120}, wrote: "Le %s a écrit :",
		charsets: []string{"iso-8859-1", "windows-1252"},
	},
	{
		code: "de", weight: 8, re: "AW: ",
		greet:   []string{"Hallo,", "Sehr geehrte Damen und Herren,", "Guten Tag,"},
		closing: []string{"Danke,", "Mit freundlichen Grüßen,", "Viele Grüße,"},
		topics: [numTopics]topicText{
			{"Wo ist meine Bestellung {order}?", "Ich habe die Bestellung {order} vor {days} Tagen aufgegeben und sie ist immer noch nicht angekommen. Die Sendungsnummer {tracking} wurde seit letzter Woche nicht aktualisiert. Können Sie mir sagen, wo mein Paket ist?"},
			{"Rückerstattung für Bestellung {order}", "Ich habe den Artikel {product} aus der Bestellung {order} vor zwei Wochen zurückgeschickt, aber noch keine Erstattung erhalten. Könnten Sie bitte den Status prüfen?"},
			{"Rücksendung - Bestellung {order}", "Der Artikel {product} entspricht nicht meinen Erwartungen und ich möchte ihn zurückgeben. Bitte schicken Sie mir ein Rücksendeetikett für die Bestellung {order}."},
			{"Artikel beschädigt angekommen ({order})", "Mein Artikel {product} ist kaputt angekommen, der Karton war eingedrückt. Fotos hänge ich an. Ich hätte gerne Ersatz oder eine volle Rückerstattung."},
			{"Frage zu {product}", "Bevor ich bestelle: Ist der Artikel {product} mit der europäischen Version kompatibel? Und wie lange dauert der Versand nach Deutschland?"},
			{"Bitte Bestellung {order} stornieren", "Ich habe versehentlich bestellt. Bitte stornieren Sie die Bestellung {order}, bevor sie versendet wird. Vielen Dank für Ihr Verständnis."},
			{"Falsche Lieferadresse bei {order}", "Mir ist gerade aufgefallen, dass die Lieferadresse der Bestellung {order} falsch ist. Die richtige Hausnummer ist 14, nicht 41. Können Sie das noch ändern?"},
			{"Rechnung für Bestellung {order}", "Könnten Sie mir bitte eine Rechnung mit ausgewiesener MwSt. für die Bestellung {order} schicken? Ich brauche sie für die Buchhaltung meiner Firma."},
		},
		extra: []string{"Ich bin seit Jahren Kunde und habe zum ersten Mal ein Problem.", "Bitte antworten Sie so schnell wie möglich.", "Meine Telefonnummer steht in der Bestellung, falls Sie mich anrufen möchten."},
		shop:  []string{"Vielen Dank für Ihre Nachricht. Es tut uns leid für die Unannehmlichkeiten, wir prüfen Ihre Bestellung {order}.", "Wir haben den vollen Betrag erstattet; er wird in 3-5 Werktagen auf Ihrem Konto erscheinen. Sendungsnummer des Ersatzes: {tracking}."},
		people: []person{{"Jürgen Weiß", "j.weiss", "web.de"}, {"Anna Schäfer", "anna.schaefer", "gmx.de"},
			{"Lukas Müller", "lukas.mueller", "t-online.de"}},
		zones: []int{60, 120}, wrote: "Am %s schrieb:",
		charsets: []string{"iso-8859-1", "windows-1252"},
	},
	{
		code: "it", weight: 4, re: "R: ",
		greet:   []string{"Buongiorno,", "Salve,", "Gentile servizio clienti,"},
		closing: []string{"Grazie,", "Cordiali saluti,", "Distinti saluti,"},
		topics: [numTopics]topicText{
			{"Dov'è il mio ordine {order}?", "Ho effettuato l'ordine {order} {days} giorni fa e non è ancora arrivato. Il numero di tracking {tracking} non è stato aggiornato dalla settimana scorsa. Potete dirmi dove si trova il pacco?"},
			{"Rimborso per l'ordine {order}", "Ho restituito il {product} dell'ordine {order} due settimane fa, ma non ho ancora ricevuto il rimborso. Potreste verificare lo stato?"},
			{"Richiesta di reso - ordine {order}", "Il {product} che ho ricevuto non corrisponde alla descrizione e vorrei restituirlo. Per favore inviatemi un'etichetta di reso per l'ordine {order}."},
			{"Articolo arrivato danneggiato ({order})", "Il mio {product} è arrivato rotto, la scatola era schiacciata. Allego le foto. Vorrei una sostituzione o il rimborso completo."},
			{"Domanda su {product}", "Prima di ordinare, potete dirmi se il {product} è compatibile con la versione europea? Quanto tempo richiede la spedizione in Italia?"},
			{"Annullate l'ordine {order}, per favore", "Ho ordinato per errore. Vi prego di annullare l'ordine {order} prima della spedizione. Grazie per la comprensione."},
			{"Indirizzo di spedizione errato per {order}", "Ho appena notato che l'indirizzo di spedizione dell'ordine {order} è sbagliato. Il numero civico corretto è 14, non 41. È ancora possibile modificarlo?"},
			{"Fattura per l'ordine {order}", "Potreste inviarmi la fattura con IVA per l'ordine {order}? Mi serve per la contabilità della mia azienda."},
		},
		extra: []string{"Sono vostro cliente da anni ed è la prima volta che ho un problema.", "Vi prego di rispondere il prima possibile.", "Il mio numero di telefono è nell'ordine, se avete bisogno di chiamarmi."},
		shop:  []string{"Grazie per averci contattato. Ci scusiamo per il disagio e stiamo verificando il suo ordine {order}.", "Abbiamo emesso il rimborso completo; lo vedrà sul conto entro 3-5 giorni lavorativi. Tracking della sostituzione: {tracking}."},
		people: []person{{"Giulia Rossi", "giulia.rossi", "libero.it"}, {"Marco Bianchi", "m.bianchi", "gmail.com"},
			{"Francesca Ricci", "fricci", "alice.it"}},
		zones: []int{60, 120}, wrote: "Il giorno %s ha scritto:",
		charsets: []string{"iso-8859-1", "windows-1252"},
	},
	{
		code: "pt", weight: 4, re: "RE: ",
		greet:   []string{"Olá,", "Bom dia,", "Prezados,"},
		closing: []string{"Obrigado,", "Atenciosamente,", "Abraços,"},
		topics: [numTopics]topicText{
			{"Onde está meu pedido {order}?", "Fiz o pedido {order} há {days} dias e ele ainda não chegou. O código de rastreamento {tracking} não é atualizado desde a semana passada. Vocês podem me dizer onde está o pacote?"},
			{"Reembolso do pedido {order}", "Devolvi o {product} do pedido {order} há duas semanas, mas ainda não recebi o reembolso. Podem verificar, por favor?"},
			{"Pedido de devolução - pedido {order}", "O {product} que recebi não atende às minhas necessidades e gostaria de devolvê-lo. Por favor, enviem uma etiqueta de devolução para o pedido {order}."},
			{"Produto chegou danificado ({order})", "Meu {product} chegou quebrado, a caixa estava amassada. Envio as fotos em anexo. Gostaria de uma troca ou do reembolso total."},
			{"Dúvida sobre {product}", "Antes de comprar: o {product} é compatível com a versão europeia? E quanto tempo demora a entrega para o Brasil?"},
			{"Cancelem o pedido {order}, por favor", "Fiz o pedido por engano. Por favor, cancelem o pedido {order} antes do envio. Obrigado pela compreensão."},
			{"Endereço de entrega errado no pedido {order}", "Acabei de perceber que o endereço de entrega do pedido {order} está errado. O número correto é 14, não 41. Ainda é possível alterar?"},
			{"Nota fiscal do pedido {order}", "Vocês podem me enviar a nota fiscal do pedido {order}? Preciso dela para a contabilidade da minha empresa."},
		},
		extra: []string{"Sou cliente há anos e é a primeira vez que tenho um problema.", "Por favor, respondam o mais rápido possível.", "Meu telefone está no pedido, caso precisem ligar."},
		shop:  []string{"Obrigado por entrar em contato. Lamentamos o transtorno e estamos verificando o seu pedido {order}.", "Fizemos o reembolso total; ele aparecerá na sua fatura em 3 a 5 dias úteis. Rastreamento da troca: {tracking}."},
		people: []person{{"João Silva", "joao.silva", "gmail.com"}, {"Ana Souza", "anasouza", "uol.com.br"},
			{"Pedro Oliveira", "pedro.oliveira", "bol.com.br"}},
		zones: []int{-180, 0}, wrote: "Em %s escreveu:",
		charsets: []string{"iso-8859-1", "windows-1252"},
	},
	{
		code: "ru", weight: 4, re: "Re: ",
		greet:   []string{"Здравствуйте!", "Добрый день!"},
		closing: []string{"Спасибо,", "С уважением,"},
		topics: [numTopics]topicText{
			{"Где мой заказ {order}?", "Я оформил заказ {order} {days} дней назад, но он до сих пор не пришёл. Трек-номер {tracking} не обновлялся с прошлой недели. Подскажите, пожалуйста, где моя посылка?"},
			{"Возврат денег за заказ {order}", "Две недели назад я вернул {product} из заказа {order}, но деньги так и не получил. Проверьте, пожалуйста, статус возврата."},
			{"Заявка на возврат - заказ {order}", "Полученный {product} мне не подошёл, и я хочу его вернуть. Пришлите, пожалуйста, этикетку для возврата по заказу {order}."},
			{"Товар пришёл повреждённым ({order})", "Мой {product} пришёл сломанным, коробка была смята. Фотографии прилагаю. Прошу заменить товар или вернуть деньги полностью."},
			{"Вопрос о товаре {product}", "Подскажите, пожалуйста, совместим ли {product} с европейской версией? И сколько идёт доставка в Россию?"},
			{"Прошу отменить заказ {order}", "Я оформил заказ по ошибке. Пожалуйста, отмените заказ {order} до отправки. Спасибо за понимание."},
			{"Неверный адрес доставки в заказе {order}", "Я только что заметил, что в заказе {order} указан неправильный адрес. Правильный номер дома 14, а не 41. Можно ещё исправить?"},
			{"Счёт по заказу {order}", "Пришлите, пожалуйста, счёт с НДС по заказу {order}. Он нужен для бухгалтерии моей компании."},
		},
		extra: []string{"Я ваш клиент уже много лет, и это первая проблема.", "Пожалуйста, ответьте как можно скорее.", "Мой номер телефона указан в заказе, если нужно позвонить."},
		shop:  []string{"Спасибо за обращение. Приносим извинения за неудобства, мы проверяем ваш заказ {order}.", "Мы вернули полную сумму; деньги поступят на счёт в течение 3-5 рабочих дней. Трек-номер замены: {tracking}."},
		people: []person{{"Алексей Смирнов", "a.smirnov", "mail.ru"}, {"Ольга Иванова", "olga.ivanova", "yandex.ru"},
			{"Дмитрий Кузнецов", "dkuznetsov", "rambler.ru"}},
		zones: []int{180, 240, 420}, wrote: "%s написал(а):",
		charsets: []string{"koi8-r", "windows-1251"},
	},
	{
		code: "ja", weight: 7, re: "Re: ",
		greet:   []string{"お世話になっております。", "こんにちは。"},
		closing: []string{"よろしくお願いいたします。", "以上、よろしくお願いします。"},
		topics: [numTopics]topicText{
			{"注文{order}はどこにありますか", "{days}日前に注文{order}をしましたが、まだ届いていません。追跡番号{tracking}は先週から更新されていません。荷物が今どこにあるか教えていただけますか。"},
			{"注文{order}の返金について", "二週間前に注文{order}の{product}を返品しましたが、まだ返金されていません。状況を確認していただけますでしょうか。"},
			{"返品のお願い（注文{order}）", "届いた{product}がイメージと違ったため、返品したいです。注文{order}の返品ラベルを送っていただけますか。"},
			{"商品が破損して届きました（{order}）", "{product}が壊れた状態で届きました。箱もつぶれていました。写真を添付します。交換または全額返金をお願いします。"},
			{"{product}についての質問", "購入前の質問です。{product}はヨーロッパ版と互換性がありますか。また、日本までの配送にはどのくらいかかりますか。"},
			{"注文{order}のキャンセルをお願いします", "間違えて注文してしまいました。発送前に注文{order}をキャンセルしてください。よろしくお願いいたします。"},
			{"注文{order}の配送先住所の誤り", "注文{order}の配送先住所が間違っていることに気づきました。正しい番地は14で、41ではありません。まだ変更できますか。"},
			{"注文{order}の請求書について", "注文{order}の消費税込みの請求書を送っていただけますか。会社の経理で必要です。"},
		},
		extra: []string{"何年も利用していますが、問題があったのは初めてです。", "なるべく早くご返信ください。", "電話番号は注文に記載しています。"},
		shop:  []string{"お問い合わせいただきありがとうございます。ご不便をおかけして申し訳ございません。ご注文{order}を確認しております。", "全額返金の手続きをいたしました。3から5営業日以内に反映されます。交換品の追跡番号：{tracking}"},
		people: []person{{"山田 太郎", "t.yamada", "yahoo.co.jp"}, {"佐藤 花子", "hanako.sato", "docomo.ne.jp"},
			{"鈴木 一郎", "ichiro.suzuki", "gmail.com"}},
		zones: []int{540}, wrote: "%s のメッセージ:",
		charsets: []string{"iso-2022-jp", "shift_jis", "euc-jp"},
	},
	{
		code: "zh-Hans", weight: 6, re: "回复：",
		greet:   []string{"您好，", "你好，"},
		closing: []string{"谢谢！", "此致敬礼"},
		topics: [numTopics]topicText{
			{"我的订单{order}在哪里？", "我{days}天前下了订单{order}，到现在还没有收到。物流单号{tracking}从上周起就没有更新。请问我的包裹现在在哪里？"},
			{"订单{order}的退款", "两周前我退回了订单{order}中的{product}，但至今没有收到退款。请帮我查一下退款进度。"},
			{"退货申请 - 订单{order}", "收到的{product}不符合我的需要，我想退货。请给我发送订单{order}的退货标签。"},
			{"商品到货时已损坏（{order}）", "我的{product}到货时已经坏了，外箱也被压扁了。附上照片。希望换货或者全额退款。"},
			{"关于{product}的问题", "下单之前想问一下，{product}和欧洲版兼容吗？寄到中国大概需要多长时间？"},
			{"请取消订单{order}", "我下错单了。请在发货前取消订单{order}。谢谢理解。"},
			{"订单{order}的收货地址有误", "我刚发现订单{order}的收货地址写错了。正确的门牌号是14号，不是41号。现在还能修改吗？"},
			{"订单{order}的发票", "请给我开具订单{order}的增值税发票，公司报销需要。"},
		},
		extra:  []string{"我是你们的老顾客了，这是第一次遇到问题。", "请尽快回复。", "如需电话联系，我的电话号码在订单里。"},
		shop:   []string{"感谢您的来信。给您带来不便非常抱歉，我们正在核查您的订单{order}。", "我们已为您办理全额退款，3到5个工作日内到账。换货的物流单号：{tracking}。"},
		people: []person{{"王伟", "wangwei88", "qq.com"}, {"李娜", "lina_2020", "163.com"}, {"张敏", "zhangmin", "126.com"}},
		zones:  []int{480}, wrote: "在 %s 写道：",
		charsets: []string{"gbk", "gb2312"},
	},
	{
		code: "zh-Hant", weight: 3, re: "回覆：",
		greet:   []string{"您好：", "你好，"},
		closing: []string{"謝謝！", "敬祝 商祺"},
		topics: [numTopics]topicText{
			{"我的訂單{order}在哪裡？", "我{days}天前下了訂單{order}，到現在還沒有收到。物流單號{tracking}從上週起就沒有更新。請問我的包裹現在在哪裡？"},
			{"訂單{order}的退款", "兩週前我退回了訂單{order}中的{product}，但至今沒有收到退款。請幫我查詢退款進度。"},
			{"退貨申請 - 訂單{order}", "收到的{product}不符合我的需求，我想退貨。請寄給我訂單{order}的退貨標籤。"},
			{"商品到貨時已損壞（{order}）", "我的{product}到貨時已經壞了，外箱也被壓扁了。附上照片。希望換貨或全額退款。"},
			{"關於{product}的問題", "下單之前想請問，{product}和歐洲版相容嗎？寄到台灣大概需要多久？"},
			{"請取消訂單{order}", "我下錯單了。請在出貨前取消訂單{order}。謝謝您的體諒。"},
			{"訂單{order}的收件地址有誤", "我剛發現訂單{order}的收件地址寫錯了。正確的門牌號碼是14號，不是41號。現在還能修改嗎？"},
			{"訂單{order}的發票", "請開立訂單{order}的統一發票給我，公司報帳需要。"},
		},
		extra:  []string{"我是你們的老顧客了，這是第一次遇到問題。", "請盡快回覆。", "如需電話聯絡，我的電話號碼在訂單裡。"},
		shop:   []string{"感謝您的來信。造成您的不便深感抱歉，我們正在查詢您的訂單{order}。", "我們已為您辦理全額退款，3到5個工作天內入帳。換貨的物流單號：{tracking}。"},
		people: []person{{"陳怡君", "yijun.chen", "yahoo.com.tw"}, {"林志明", "zm.lin", "gmail.com"}, {"黃淑芬", "shufen.huang", "hinet.net"}},
		zones:  []int{480}, wrote: "%s 寫道：",
		charsets: []string{"big5"},
	},
	{
		code: "ko", weight: 4, re: "RE: ",
		greet:   []string{"안녕하세요.", "안녕하세요, 고객센터 담당자님."},
		closing: []string{"감사합니다.", "수고하세요."},
		topics: [numTopics]topicText{
			{"주문 {order} 어디에 있나요?", "{days}일 전에 주문 {order}을 했는데 아직 도착하지 않았습니다. 운송장 번호 {tracking}은 지난주부터 업데이트되지 않고 있습니다. 제 택배가 지금 어디에 있는지 알려주실 수 있나요?"},
			{"주문 {order} 환불 문의", "2주 전에 주문 {order}의 {product}을 반품했는데 아직 환불을 받지 못했습니다. 확인 부탁드립니다."},
			{"반품 신청 - 주문 {order}", "받은 {product}이 생각했던 것과 달라서 반품하고 싶습니다. 주문 {order}의 반품 라벨을 보내주세요."},
			{"상품이 파손되어 도착했습니다 ({order})", "{product}이 부서진 상태로 도착했고 상자도 찌그러져 있었습니다. 사진을 첨부합니다. 교환이나 전액 환불을 원합니다."},
			{"{product} 관련 문의", "구매 전에 문의드립니다. {product}이 유럽 버전과 호환되나요? 한국까지 배송은 얼마나 걸리나요?"},
			{"주문 {order} 취소 요청", "실수로 주문했습니다. 발송 전에 주문 {order}을 취소해 주세요. 양해 부탁드립니다."},
			{"주문 {order} 배송지 주소 오류", "주문 {order}의 배송지 주소가 잘못된 것을 방금 발견했습니다. 정확한 번지는 41이 아니라 14입니다. 아직 변경할 수 있나요?"},
			{"주문 {order} 세금계산서 요청", "주문 {order}에 대한 세금계산서를 보내주실 수 있나요? 회사 회계 처리에 필요합니다."},
		},
		extra:  []string{"몇 년째 이용하고 있는데 문제가 생긴 것은 처음입니다.", "가능한 한 빨리 답변 부탁드립니다.", "전화가 필요하시면 주문서에 제 전화번호가 있습니다."},
		shop:   []string{"문의해 주셔서 감사합니다. 불편을 드려 죄송하며 주문 {order}을 확인하고 있습니다.", "전액 환불 처리되었으며 영업일 기준 3-5일 내에 반영됩니다. 교환 상품 운송장 번호: {tracking}"},
		people: []person{{"김민준", "minjun.kim", "naver.com"}, {"이서연", "seoyeon.lee", "daum.net"}, {"박지훈", "jihoon.park", "gmail.com"}},
		zones:  []int{540}, wrote: "%s 작성:",
		charsets: []string{"euc-kr"},
	},
	{
		code: "vi", weight: 2, re: "Re: ",
		greet:   []string{"Xin chào,", "Chào shop,"},
		closing: []string{"Cảm ơn,", "Trân trọng,"},
		topics: [numTopics]topicText{
			{"Đơn hàng {order} của tôi đang ở đâu?", "Tôi đã đặt đơn hàng {order} cách đây {days} ngày nhưng vẫn chưa nhận được. Mã vận đơn {tracking} không được cập nhật từ tuần trước. Bạn có thể cho tôi biết gói hàng đang ở đâu không?"},
			{"Hoàn tiền cho đơn hàng {order}", "Tôi đã gửi trả {product} của đơn hàng {order} hai tuần trước nhưng vẫn chưa nhận được tiền hoàn. Vui lòng kiểm tra giúp tôi."},
			{"Yêu cầu trả hàng - đơn {order}", "Sản phẩm {product} tôi nhận được không đúng như mô tả, tôi muốn trả lại. Vui lòng gửi nhãn trả hàng cho đơn {order}."},
			{"Hàng bị hư hỏng khi nhận ({order})", "Sản phẩm {product} của tôi bị vỡ khi nhận, hộp bị móp. Tôi gửi kèm ảnh. Tôi muốn đổi hàng hoặc được hoàn tiền toàn bộ."},
			{"Câu hỏi về {product}", "Trước khi đặt hàng, cho tôi hỏi {product} có tương thích với phiên bản châu Âu không? Giao hàng đến Việt Nam mất bao lâu?"},
			{"Vui lòng hủy đơn hàng {order}", "Tôi đặt nhầm. Vui lòng hủy đơn hàng {order} trước khi giao. Cảm ơn bạn đã thông cảm."},
			{"Sai địa chỉ giao hàng đơn {order}", "Tôi vừa phát hiện địa chỉ giao hàng của đơn {order} bị sai. Số nhà đúng là 14, không phải 41. Còn sửa được không?"},
			{"Xuất hóa đơn cho đơn hàng {order}", "Bạn có thể gửi hóa đơn VAT cho đơn hàng {order} không? Tôi cần cho kế toán công ty."},
		},
		extra:  []string{"Tôi là khách hàng lâu năm và đây là lần đầu tiên tôi gặp vấn đề.", "Mong nhận được phản hồi sớm.", "Số điện thoại của tôi có trong đơn hàng nếu cần gọi."},
		shop:   []string{"Cảm ơn bạn đã liên hệ. Chúng tôi xin lỗi vì sự bất tiện và đang kiểm tra đơn hàng {order}.", "Chúng tôi đã hoàn tiền toàn bộ; tiền sẽ về tài khoản trong 3-5 ngày làm việc. Mã vận đơn hàng đổi: {tracking}."},
		people: []person{{"Nguyễn Văn An", "an.nguyen", "gmail.com"}, {"Trần Thị Mai", "mai.tran", "yahoo.com.vn"}},
		zones:  []int{420}, wrote: "Vào %s đã viết:",
	},
	{
		code: "th", weight: 2, re: "Re: ",
		greet:   []string{"สวัสดีครับ", "สวัสดีค่ะ"},
		closing: []string{"ขอบคุณครับ", "ขอบคุณค่ะ"},
		topics: [numTopics]topicText{
			{"คำสั่งซื้อ {order} ของฉันอยู่ที่ไหน", "ฉันสั่งซื้อ {order} เมื่อ {days} วันที่แล้วแต่ยังไม่ได้รับสินค้า หมายเลขติดตามพัสดุ {tracking} ไม่มีการอัปเดตตั้งแต่สัปดาห์ที่แล้ว ช่วยบอกได้ไหมว่าพัสดุของฉันอยู่ที่ไหน"},
			{"ขอคืนเงินคำสั่งซื้อ {order}", "ฉันส่งคืน {product} จากคำสั่งซื้อ {order} ไปเมื่อสองสัปดาห์ก่อน แต่ยังไม่ได้รับเงินคืน กรุณาตรวจสอบให้ด้วย"},
			{"ขอคืนสินค้า - คำสั่งซื้อ {order}", "{product} ที่ได้รับไม่ตรงกับที่ต้องการ ฉันต้องการคืนสินค้า กรุณาส่งฉลากคืนสินค้าสำหรับคำสั่งซื้อ {order}"},
			{"สินค้าเสียหายระหว่างจัดส่ง ({order})", "{product} ของฉันมาถึงในสภาพแตกหัก กล่องบุบ แนบรูปภาพมาด้วย ต้องการเปลี่ยนสินค้าหรือขอคืนเงินเต็มจำนวน"},
			{"สอบถามเกี่ยวกับ {product}", "ก่อนสั่งซื้อ อยากทราบว่า {product} ใช้กับรุ่นยุโรปได้ไหม และจัดส่งมาประเทศไทยใช้เวลากี่วัน"},
			{"กรุณายกเลิกคำสั่งซื้อ {order}", "ฉันสั่งผิด กรุณายกเลิกคำสั่งซื้อ {order} ก่อนจัดส่ง ขอบคุณที่เข้าใจ"},
			{"ที่อยู่จัดส่งผิดในคำสั่งซื้อ {order}", "เพิ่งสังเกตว่าที่อยู่จัดส่งของคำสั่งซื้อ {order} ผิด บ้านเลขที่ที่ถูกต้องคือ 14 ไม่ใช่ 41 ยังแก้ไขได้ไหม"},
			{"ขอใบกำกับภาษีคำสั่งซื้อ {order}", "ช่วยส่งใบกำกับภาษีสำหรับคำสั่งซื้อ {order} ให้หน่อยได้ไหม ต้องใช้สำหรับบัญชีบริษัท"},
		},
		extra:  []string{"ฉันเป็นลูกค้ามาหลายปีแล้ว และนี่เป็นครั้งแรกที่มีปัญหา", "กรุณาตอบกลับโดยเร็ว", "เบอร์โทรศัพท์ของฉันอยู่ในคำสั่งซื้อหากต้องการติดต่อ"},
		shop:   []string{"ขอบคุณที่ติดต่อเรา ขออภัยในความไม่สะดวก เรากำลังตรวจสอบคำสั่งซื้อ {order} ของคุณ", "เราได้คืนเงินเต็มจำนวนแล้ว จะเข้าบัญชีภายใน 3-5 วันทำการ หมายเลขติดตามสินค้าทดแทน: {tracking}"},
		people: []person{{"สมชาย ใจดี", "somchai.j", "hotmail.co.th"}, {"สุภาพร ศรีสุข", "supaporn.s", "gmail.com"}},
		zones:  []int{420}, wrote: "เมื่อ %s เขียนว่า:",
	},
	{
		code: "id", weight: 2, re: "Re: ",
		greet:   []string{"Halo,", "Selamat siang,"},
		closing: []string{"Terima kasih,", "Salam,"},
		topics: [numTopics]topicText{
			{"Di mana pesanan saya {order}?", "Saya memesan {order} {days} hari yang lalu dan sampai sekarang belum sampai. Nomor resi {tracking} tidak diperbarui sejak minggu lalu. Bisa tolong beri tahu di mana paket saya?"},
			{"Pengembalian dana untuk pesanan {order}", "Saya sudah mengembalikan {product} dari pesanan {order} dua minggu lalu, tetapi dana belum saya terima. Mohon dicek statusnya."},
			{"Permintaan retur - pesanan {order}", "Produk {product} yang saya terima tidak sesuai dengan kebutuhan saya dan saya ingin mengembalikannya. Mohon kirimkan label retur untuk pesanan {order}."},
			{"Barang diterima dalam keadaan rusak ({order})", "Produk {product} saya datang dalam keadaan rusak, kotaknya penyok. Foto saya lampirkan. Saya ingin penggantian atau pengembalian dana penuh."},
			{"Pertanyaan tentang {product}", "Sebelum memesan, apakah {product} kompatibel dengan versi Eropa? Berapa lama pengiriman ke Indonesia?"},
			{"Mohon batalkan pesanan {order}", "Saya salah pesan. Mohon batalkan pesanan {order} sebelum dikirim. Terima kasih atas pengertiannya."},
			{"Alamat pengiriman salah pada {order}", "Saya baru sadar alamat pengiriman pesanan {order} salah. Nomor rumah yang benar adalah 14, bukan 41. Apakah masih bisa diubah?"},
			{"Faktur untuk pesanan {order}", "Bisakah Anda mengirimkan faktur pajak untuk pesanan {order}? Saya membutuhkannya untuk pembukuan perusahaan."},
		},
		extra:  []string{"Saya sudah bertahun-tahun menjadi pelanggan dan baru kali ini ada masalah.", "Mohon segera dibalas.", "Nomor telepon saya ada di pesanan jika perlu menelepon."},
		shop:   []string{"Terima kasih telah menghubungi kami. Mohon maaf atas ketidaknyamanannya, kami sedang memeriksa pesanan {order}.", "Kami telah mengembalikan dana penuh; dana akan masuk dalam 3-5 hari kerja. Nomor resi pengganti: {tracking}."},
		people: []person{{"Budi Santoso", "budi.santoso", "yahoo.co.id"}, {"Siti Rahayu", "siti.rahayu", "gmail.com"}},
		zones:  []int{420, 480}, wrote: "Pada %s menulis:",
	},
	{
		code: "pl", weight: 3, re: "Odp: ",
		greet:   []string{"Dzień dobry,", "Witam,"},
		closing: []string{"Dziękuję,", "Pozdrawiam,", "Z poważaniem,"},
		topics: [numTopics]topicText{
			{"Gdzie jest moje zamówienie {order}?", "Złożyłem zamówienie {order} {days} dni temu i nadal nie dotarło. Numer przesyłki {tracking} nie był aktualizowany od zeszłego tygodnia. Czy mogą Państwo sprawdzić, gdzie jest moja paczka?"},
			{"Zwrot pieniędzy za zamówienie {order}", "Dwa tygodnie temu odesłałem {product} z zamówienia {order}, ale nadal nie otrzymałem zwrotu pieniędzy. Proszę o sprawdzenie statusu."},
			{"Zgłoszenie zwrotu - zamówienie {order}", "Otrzymany {product} nie spełnia moich oczekiwań i chciałbym go zwrócić. Proszę o przesłanie etykiety zwrotnej do zamówienia {order}."},
			{"Towar dotarł uszkodzony ({order})", "Mój {product} dotarł zepsuty, karton był zgnieciony. Załączam zdjęcia. Proszę o wymianę lub pełny zwrot pieniędzy."},
			{"Pytanie o {product}", "Zanim zamówię: czy {product} jest kompatybilny z wersją europejską? Ile trwa wysyłka do Polski?"},
			{"Proszę anulować zamówienie {order}", "Zamówiłem przez pomyłkę. Proszę anulować zamówienie {order} przed wysyłką. Dziękuję za zrozumienie."},
			{"Błędny adres dostawy w zamówieniu {order}", "Właśnie zauważyłem, że adres dostawy w zamówieniu {order} jest błędny. Prawidłowy numer domu to 14, a nie 41. Czy można go jeszcze zmienić?"},
			{"Faktura VAT do zamówienia {order}", "Czy mogą Państwo przesłać fakturę VAT do zamówienia {order}? Potrzebuję jej do księgowości firmy."},
		},
		extra:  []string{"Jestem Państwa klientem od lat i to pierwszy problem.", "Proszę o szybką odpowiedź.", "Mój numer telefonu jest w zamówieniu, gdyby trzeba było zadzwonić."},
		shop:   []string{"Dziękujemy za kontakt. Przepraszamy za niedogodności, sprawdzamy zamówienie {order}.", "Zwróciliśmy pełną kwotę; pieniądze pojawią się na koncie w ciągu 3-5 dni roboczych. Numer przesyłki z wymianą: {tracking}."},
		people: []person{{"Krzysztof Nowak", "k.nowak", "wp.pl"}, {"Agnieszka Wójcik", "agnieszka.wojcik", "onet.pl"}},
		zones:  []int{60, 120}, wrote: "W dniu %s napisał:",
		charsets: []string{"iso-8859-2"},
	},
	{
		code: "nl", weight: 3, re: "RE: ",
		greet:   []string{"Hallo,", "Beste klantenservice,", "Goedendag,"},
		closing: []string{"Bedankt,", "Met vriendelijke groet,"},
		topics: [numTopics]topicText{
			{"Waar is mijn bestelling {order}?", "Ik heb bestelling {order} {days} dagen geleden geplaatst en hij is nog steeds niet aangekomen. Het trackingnummer {tracking} is sinds vorige week niet bijgewerkt. Kunt u mij vertellen waar mijn pakket is?"},
			{"Terugbetaling voor bestelling {order}", "Ik heb de {product} uit bestelling {order} twee weken geleden teruggestuurd, maar ik heb mijn geld nog niet terug. Kunt u de status controleren?"},
			{"Retourverzoek - bestelling {order}", "De {product} die ik heb ontvangen voldoet niet aan mijn verwachtingen en ik wil hem retourneren. Stuur mij alstublieft een retourlabel voor bestelling {order}."},
			{"Artikel beschadigd aangekomen ({order})", "Mijn {product} kwam kapot aan, de doos was ingedeukt. Foto's zitten in de bijlage. Ik wil graag een vervanging of een volledige terugbetaling."},
			{"Vraag over {product}", "Voordat ik bestel: is de {product} compatibel met de Europese versie? En hoe lang duurt de verzending naar Nederland?"},
			{"Graag bestelling {order} annuleren", "Ik heb per ongeluk besteld. Wilt u bestelling {order} annuleren voordat hij wordt verzonden? Bedankt voor uw begrip."},
			{"Verkeerd verzendadres bij {order}", "Ik zie net dat het verzendadres van bestelling {order} niet klopt. Het juiste huisnummer is 14, niet 41. Kan dat nog worden aangepast?"},
			{"Factuur voor bestelling {order}", "Kunt u mij een factuur met btw voor bestelling {order} sturen? Ik heb die nodig voor de boekhouding van mijn bedrijf."},
		},
		extra:  []string{"Ik ben al jaren klant en dit is de eerste keer dat er iets misgaat.", "Graag zo snel mogelijk een reactie.", "Mijn telefoonnummer staat bij de bestelling als u wilt bellen."},
		shop:   []string{"Bedankt voor uw bericht. Excuses voor het ongemak, we zoeken uw bestelling {order} uit.", "We hebben het volledige bedrag terugbetaald; het staat binnen 3-5 werkdagen op uw rekening. Trackingnummer van de vervanging: {tracking}."},
		people: []person{{"Sanne de Vries", "sanne.devries", "ziggo.nl"}, {"Daan Jansen", "daan.jansen", "kpnmail.nl"}},
		zones:  []int{60, 120}, wrote: "Op %s schreef:",
		charsets: []string{"iso-8859-1", "windows-1252"},
	},
	{
		code: "tr", weight: 2, re: "Ynt: ",
		greet:   []string{"Merhaba,", "İyi günler,"},
		closing: []string{"Teşekkürler,", "Saygılarımla,"},
		topics: [numTopics]topicText{
			{"{order} numaralı siparişim nerede?", "{order} numaralı siparişimi {days} gün önce verdim ama hâlâ gelmedi. {tracking} takip numarası geçen haftadan beri güncellenmedi. Paketimin nerede olduğunu söyleyebilir misiniz?"},
			{"{order} numaralı sipariş için iade", "İki hafta önce {order} numaralı siparişteki {product} ürününü iade ettim ama param hâlâ yatmadı. Durumu kontrol edebilir misiniz?"},
			{"İade talebi - sipariş {order}", "Aldığım {product} beklentimi karşılamadı, iade etmek istiyorum. Lütfen {order} numaralı sipariş için iade etiketi gönderin."},
			{"Ürün hasarlı geldi ({order})", "{product} kırık geldi, kutu ezilmişti. Fotoğrafları ekte gönderiyorum. Değişim ya da tam iade istiyorum."},
			{"{product} hakkında soru", "Sipariş vermeden önce sormak istiyorum: {product} Avrupa sürümüyle uyumlu mu? Türkiye'ye kargo ne kadar sürüyor?"},
			{"Lütfen {order} numaralı siparişi iptal edin", "Yanlışlıkla sipariş verdim. Lütfen {order} numaralı siparişi kargoya verilmeden iptal edin. Anlayışınız için teşekkürler."},
			{"{order} siparişinde yanlış teslimat adresi", "{order} numaralı siparişin teslimat adresinin yanlış olduğunu yeni fark ettim. Doğru kapı numarası 41 değil, 14. Hâlâ değiştirilebilir mi?"},
			{"{order} numaralı sipariş için fatura", "{order} numaralı sipariş için KDV'li fatura gönderebilir misiniz? Şirketimin muhasebesi için gerekiyor."},
		},
		extra:  []string{"Yıllardır müşterinizim ve ilk kez bir sorun yaşıyorum.", "Lütfen en kısa sürede cevap verin.", "Aramanız gerekirse telefon numaram siparişte yazılı."},
		shop:   []string{"Bizimle iletişime geçtiğiniz için teşekkür ederiz. Yaşanan sorun için özür dileriz, {order} numaralı siparişinizi inceliyoruz.", "Tutarın tamamını iade ettik; 3-5 iş günü içinde hesabınıza geçecektir. Değişim ürününün takip numarası: {tracking}."},
		people: []person{{"Mehmet Yılmaz", "mehmet.yilmaz", "gmail.com"}, {"Ayşe Demir", "ayse.demir", "hotmail.com"}},
		zones:  []int{180}, wrote: "%s şunu yazdı:",
	},
	{
		code: "ar", weight: 2, re: "رد: ",
		greet:   []string{"مرحباً،", "السلام عليكم،"},
		closing: []string{"شكراً،", "مع التحية،"},
		topics: [numTopics]topicText{
			{"أين طلبي رقم {order}؟", "قمت بالطلب رقم {order} منذ {days} أيام ولم يصل حتى الآن. رقم التتبع {tracking} لم يتم تحديثه منذ الأسبوع الماضي. هل يمكنكم إخباري أين الطرد؟"},
			{"استرداد المبلغ للطلب {order}", "أعدت {product} من الطلب {order} منذ أسبوعين، لكنني لم أستلم المبلغ حتى الآن. أرجو التحقق من حالة الاسترداد."},
			{"طلب إرجاع - الطلب {order}", "المنتج {product} الذي استلمته لا يناسبني وأرغب في إرجاعه. أرجو إرسال ملصق الإرجاع للطلب {order}."},
			{"وصل المنتج تالفاً ({order})", "وصل {product} مكسوراً وكانت العلبة مضغوطة. أرفقت الصور. أرغب في الاستبدال أو استرداد المبلغ كاملاً."},
			{"سؤال عن {product}", "قبل الشراء، هل {product} متوافق مع النسخة الأوروبية؟ وكم يستغرق الشحن إلى السعودية؟"},
			{"أرجو إلغاء الطلب {order}", "طلبت عن طريق الخطأ. أرجو إلغاء الطلب {order} قبل الشحن. شكراً لتفهمكم."},
			{"عنوان الشحن خاطئ في الطلب {order}", "لاحظت الآن أن عنوان الشحن في الطلب {order} خاطئ. رقم المبنى الصحيح هو 14 وليس 41. هل ما زال بالإمكان تعديله؟"},
			{"فاتورة للطلب {order}", "هل يمكنكم إرسال فاتورة ضريبية للطلب {order}؟ أحتاجها لحسابات شركتي."},
		},
		extra:  []string{"أنا عميل لديكم منذ سنوات وهذه أول مرة أواجه مشكلة.", "أرجو الرد في أقرب وقت.", "رقم هاتفي موجود في الطلب إذا احتجتم للاتصال."},
		shop:   []string{"شكراً لتواصلك معنا. نعتذر عن الإزعاج، ونحن نراجع طلبك {order}.", "قمنا باسترداد المبلغ كاملاً، وسيظهر في حسابك خلال 3-5 أيام عمل. رقم تتبع المنتج البديل: {tracking}."},
		people: []person{{"محمد العتيبي", "m.alotaibi", "gmail.com"}, {"فاطمة الزهراني", "fatima.z", "hotmail.com"}},
		zones:  []int{180, 240}, wrote: "في %s كتب:",
	},
}

var langByCode = func() map[string]*language {
	m := make(map[string]*language, len(languages))
	for _, l := range languages {
		m[l.code] = l
	}
	return m
}()

// legacyLangs: which languages each legacy charset carries.
var legacyLangs = map[string][]string{
	"gbk":          {"zh-Hans"},
	"gb2312":       {"zh-Hans"},
	"big5":         {"zh-Hant"},
	"iso-2022-jp":  {"ja"},
	"shift_jis":    {"ja"},
	"euc-jp":       {"ja"},
	"euc-kr":       {"ko"},
	"koi8-r":       {"ru"},
	"windows-1251": {"ru"},
	"iso-8859-1":   {"fr", "es", "de", "it", "pt", "nl"},
	"iso-8859-2":   {"pl"},
	"windows-1252": {"de", "fr", "es", "it", "pt", "nl"},
}

var products = []string{
	"wireless earbuds", "phone case", "USB-C charger", "yoga mat", "LED desk lamp", "coffee grinder",
	"hiking backpack", "bluetooth speaker", "smart watch strap", "ceramic teapot", "running shoes",
	"cast iron pan", "hair dryer", "mechanical keyboard", "baby monitor", "electric toothbrush",
	"camping lantern", "silk scarf", "kitchen scale", "dash cam",
}

// shop-side people and marketplace newsletters
var newsletterSenders = []struct{ name, addr, list string }{
	{"Amazon Seller Central", "seller-news@amazon.com", "seller-news.amazon.com"},
	{"eBay for Business", "newsletter@ebay.com", "business.ebay.com"},
	{"DHL Express", "noreply@dhl.com", "news.dhl.com"},
	{"Packlink PRO", "news@packlink.com", "pro.packlink.com"},
	{"Shopify", "mailer@shopify.com", "updates.shopify.com"},
	{"Etsy", "newsletter@etsy.com", "sellers.etsy.com"},
	{"Walmart Marketplace", "marketplace-news@walmart.com", "partners.walmart.com"},
	{"Sendcloud", "hello@sendcloud.com", "news.sendcloud.com"},
}
