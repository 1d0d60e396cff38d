/** Arabic strings of end-to-end encryption (see catalog-encryption.ts), part of catalog-ar.ts. */
import type { Catalog } from './catalog.ts';

export const arEncryption: Catalog = {
  'encryption.button': 'التشفير والبصمات',
  'encryption.title': 'التشفير من طرف إلى طرف',
  'encryption.back': 'العودة إلى المحادثة',
  'encryption.encrypted': 'مشفّرة',
  'encryption.unencrypted': 'غير مشفّرة',
  'encryption.not-sent': 'لم تُرسل: تعذّر تشفيرها',
  'encryption.explain':
    'تُشفَّر الرسائل هنا على هذا الجهاز، للأجهزة المدرجة أدناه فقط. قارن البصمات بتلك التي يراها الطرف الآخر (وجهًا لوجه أو في مكالمة) وعلّم الأجهزة المطابقة على أنها موثّقة.',
  'encryption.yours': 'هذا الجهاز',
  'encryption.scan': 'رمز QR لبصمة هذا الجهاز، ليمسحه الطرف الآخر',
  'encryption.their-devices': 'أجهزة {name}',
  'encryption.your-devices': 'أجهزتك الأخرى',
  'encryption.none': 'لا توجد أجهزة تستخدم التشفير.',
  'encryption.device': 'الجهاز {id}',
  'encryption.no-fingerprint': 'البصمة غير معروفة بعد',
  'encryption.trust-blind': 'موثوق دون توثيق',
  'encryption.trust-verified': 'موثّق',
  'encryption.trust-distrusted': 'غير موثوق: لا تُشفَّر الرسائل له',
  'encryption.trust-undecided': 'جديد: غير موثوق حتى تقرّر',
  'encryption.verify': 'تعليم كموثّق',
  'encryption.distrust': 'عدم الوثوق',
  'encryption.blind': 'الوثوق دون توثيق',
  'encryption.loading': 'جارٍ تحميل الأجهزة…',
  'encryption.new-device': 'لدى {name} جهاز جديد ({id}). تحقّق من بصمته في «التشفير والبصمات».',
  'encryption.changed-device': 'تغيّر مفتاح أحد أجهزة {name} ({id}). تحقّق من البصمة قبل أن تثق به.',
  'encryption.own-new-device': 'أُضيف جهاز جديد إلى حسابك ({id}).',
  'encryption.own-changed-device': 'تغيّر مفتاح أحد أجهزتك ({id}).',
  'encryption.dismiss': 'إخفاء',
};
