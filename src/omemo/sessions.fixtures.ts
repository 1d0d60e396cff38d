// Made by test/runner/omemo-vectors.py sessions; do not edit.
export const SESSION_TRANSCRIPTS = {
  '0.3': {
    ours: {
      seed: 'b374dda827de5520a16da0f0e35e69eb985ac915d8e2faf46088245c42f37d61',
      signedPreKey: '2a6f5d80567f2b8ca0d07818cf07fd1518a5ce7720934b3c00a05d1112a543de',
      preKeys: {
        '700': '14604a8d212ee1b6491c8cda9e916da83c14c17e4af749ffd5bb880589e0da88',
        '701': 'e4ef174f9fdd68028f5d6e5f976f68103d10b530af0d966725d6add47f2b2264',
        '702': 'f5de252696d0a6202dc518069315ff8430344d9d810e54b98d54f1a7c406a65c',
      },
    },
    ourBundle: {
      identityKey: 'Bb0ZtzE2VrR5IrYmkkjRh96A617tf10gubO/t7oSRxge',
      signedPreKeyId: 7,
      signedPreKey: 'BfBc8xpJXRUpIYuLozHqAiTLmkXHXe7tKik7Oi2hok9A',
      signedPreKeySignature: '7yA7Pk0mk12nry1HV2+FLp+YKaGbqMEWPcXbmj9G6hDhYLLu7wTozvbdD1s+puupZEzpnOht9F6T+MeLLsk2DA==',
      preKeys: [
        {
          id: 700,
          publicKey: 'BfBrfBfQgLpkYTllGyZJlLa6icWU3RJi5u4KbFGsxigl',
        },
        {
          id: 701,
          publicKey: 'BUCxYcW21gNrc7NGHY7GbNMERmO4ohy7hpV+F20D1gFE',
        },
        {
          id: 702,
          publicKey: 'BWuPrn+PjdzwSi/BENU5Mrfp1YHqlr1Vn4AVzeEPYmhe',
        },
      ],
    },
    messages: [
      {
        message:
          'Mwi+BRIhBZ3KJD1ucHucdROGZgZr9/+t7fKWdeG3MGa9M1t2H/s6GiEFR45aeUIYWrYXpCzMEszxwc0DqvnODajjN8RJe7/2KnwiYjMKIQVg0UirQqVmsJvL2arIXyg8+a19jaa6hq3vPq4FTySOdRAAGAAiMN4QJSK6IVYdh3TmvRxLJzzVzduqerItG7soA/tYjghZF+A4rNvDn6oBta9vHCRjz5LJtbdswoQ3MAc=',
        kex: true,
        ciphertext: 'SQX2XyprpjAYMOdV',
        iv: 'XcI4yB2JfNkfEwJH',
      },
      {
        message:
          'Mwi+BRIhBZ3KJD1ucHucdROGZgZr9/+t7fKWdeG3MGa9M1t2H/s6GiEFR45aeUIYWrYXpCzMEszxwc0DqvnODajjN8RJe7/2KnwiYjMKIQVg0UirQqVmsJvL2arIXyg8+a19jaa6hq3vPq4FTySOdRABGAAiMJZyeHPoXOJXkDndqC1UJD2lT5+Lb4upA2TCMcdG6HskQhGiZQkAxRhqUi+hemlL12IjbSP+jEU0MAc=',
        kex: true,
        ciphertext: 'rw3ETGZvh4mw3mO8',
        iv: '/LyjNwZ2u0/QHA+V',
      },
      {
        message:
          'Mwi+BRIhBZ3KJD1ucHucdROGZgZr9/+t7fKWdeG3MGa9M1t2H/s6GiEFR45aeUIYWrYXpCzMEszxwc0DqvnODajjN8RJe7/2KnwiYjMKIQVg0UirQqVmsJvL2arIXyg8+a19jaa6hq3vPq4FTySOdRACGAAiMI162Tkyu7lVk024v7SQaudJfmfRSIxIc5IERuwFAZgDHajIqUywXJTYt+n5CG3TWihdx6EbxNyyMAc=',
        kex: true,
        ciphertext: 'OcNdf+GXlXa5mW0q',
        iv: 'atLaDgH79/Aw95L0',
      },
      {
        message:
          'Mwi+BRIhBZ3KJD1ucHucdROGZgZr9/+t7fKWdeG3MGa9M1t2H/s6GiEFR45aeUIYWrYXpCzMEszxwc0DqvnODajjN8RJe7/2KnwiYjMKIQVg0UirQqVmsJvL2arIXyg8+a19jaa6hq3vPq4FTySOdRADGAAiMB4dsXVm9lLDdelneB3RZeK2ZVQCbfnPKRd4TaDEU/hIz73vU58+ZZ7qqNbqcdZnL8/7+dgnhJ84MAc=',
        kex: true,
        ciphertext: 'VUhsLBkjpAIgPJVO',
        iv: 'tyCn6tpdq8N8veC2',
      },
      {
        message:
          'Mwi+BRIhBZ3KJD1ucHucdROGZgZr9/+t7fKWdeG3MGa9M1t2H/s6GiEFR45aeUIYWrYXpCzMEszxwc0DqvnODajjN8RJe7/2KnwiYjMKIQVg0UirQqVmsJvL2arIXyg8+a19jaa6hq3vPq4FTySOdRAEGAAiMPgjGPp/yeKGOBCKgW/X+7CFoL8fNLepoKMp2c/zp9t/8JE/DVRK0mHefWaU5jt9xj8ymWmaqPdPMAc=',
        kex: true,
        ciphertext: 'mbNj8LlnLlQeW5rq',
        iv: '6nsvRD5LpPyAmlUp',
      },
    ],
  },
  '2': {
    ours: {
      seed: '04616937b197f2445308f90a4828d687d11134c614f6be14d897b1cc0eb41bf5',
      signedPreKey: 'eb1627fea7b79a18a3c9aa38aef1e2735958c6e8e6d8482a60917768bc57511a',
      preKeys: {
        '700': '7aca390d63647ccc4a4ef8f7ee3736fab74d1bf8f405f2149e79b7065a428cc9',
        '701': 'a7b2ea9c610e7062c950e8bb977f96f95d0bfe189d2d24fe1ef00160eb80e8cd',
        '702': 'f5bc289578009b4d7afc816f16baf04e318a45547c8c06831bcfa4d4b4abb00f',
      },
    },
    ourBundle: {
      identityKey: 'jR4SRBqa0e926Rv81remIV6IVrQ1CD++KFSJukxcRzE=',
      signedPreKeyId: 7,
      signedPreKey: 'AbqTeqVjXiqzqdpy7BFmY37pc/jMam9gb4izqSYTTx8=',
      signedPreKeySignature: 'gq4cvOJhMc5cFPohvOXhUaEik1o65vrAUUORDUoiLif5nZlweCj/nyTyn5zkZtLien4s9itJTqqW6JrBSrUUCA==',
      preKeys: [
        {
          id: 700,
          publicKey: 'zMmk6xv057I0l4gsummtqqCHIuACdoHaSd4VOCflIQ4=',
        },
        {
          id: 701,
          publicKey: '6xswejjPleB92H4MEdZwG2jemQfwbAKaYi6M19g0CjI=',
        },
        {
          id: 702,
          publicKey: 'X95zVeyB4lTj9Zek5UvnizQAWX1plJ58tpd611OyKww=',
        },
      ],
    },
    messages: [
      {
        message:
          'CL4FEAcaIORFn7OGpwRmOOfpCI7KtunYsHdLFmG8fW5/7vcSC58AIiBOgiqekqPhNwD5EsPeUeXRi5/z+TySPSKOVWn1w3HlGSp8ChDYRTJFRolciMMn2OBO0GuvEmgIABAAGiDyTx9AXECMFE2BUqcbIqMr/RNVXZMkUozTVSKUIuuoXyJAqLJKQ8jMTgVwyo6ICTCRxAYhEj9RQHTRGQTfpSdfRb3spuFoYH0HsY3ihz2Gn6/nWEHQ0ker6PyY98A+gQlNOA==',
        kex: true,
        ciphertext: 'cNYeMYf4uybgp2rEYruymQ==',
      },
      {
        message:
          'CL4FEAcaIORFn7OGpwRmOOfpCI7KtunYsHdLFmG8fW5/7vcSC58AIiBOgiqekqPhNwD5EsPeUeXRi5/z+TySPSKOVWn1w3HlGSp8ChAp1+TR+fhLQ7C/j8m74KwFEmgIARAAGiDyTx9AXECMFE2BUqcbIqMr/RNVXZMkUozTVSKUIuuoXyJAODhqzZMJ1OTWdN30xxaGhqFVaDhHMNAoQeDSxb4YUTezD+m80DwXBhRUZObvgkOkYgMKyV6ZHPUNVXlL12tp/w==',
        kex: true,
        ciphertext: '//62NmwOh8CxO7NV5r4Uzg==',
      },
      {
        message:
          'CL4FEAcaIORFn7OGpwRmOOfpCI7KtunYsHdLFmG8fW5/7vcSC58AIiBOgiqekqPhNwD5EsPeUeXRi5/z+TySPSKOVWn1w3HlGSp8ChBAypoMF+I37++p6olO3tFkEmgIAhAAGiDyTx9AXECMFE2BUqcbIqMr/RNVXZMkUozTVSKUIuuoXyJASJYNIpVAt4b4MGzNKS0VsoKKvuifdIg6pdzKG0ehhrAWzK6z+0BF9TaazDXOiMuvzD74FADcmvDpJ2V+aNzqRg==',
        kex: true,
        ciphertext: 'xIzkznTV1M9KgtCn0/ErzQ==',
      },
      {
        message:
          'CL4FEAcaIORFn7OGpwRmOOfpCI7KtunYsHdLFmG8fW5/7vcSC58AIiBOgiqekqPhNwD5EsPeUeXRi5/z+TySPSKOVWn1w3HlGSp8ChBCtAfmkcwTxZgt4r7pSA+2EmgIAxAAGiDyTx9AXECMFE2BUqcbIqMr/RNVXZMkUozTVSKUIuuoXyJAEp2qg7OhOCVVil0IxLxPF3eY2IBtoRac7E2msxhoDPrn25ExaJnK5sqia1MEaDk6hv/MPThzsuhZsbv40THyVA==',
        kex: true,
        ciphertext: 'X1gN/hzQnKcizX5m3ptNDA==',
      },
      {
        message:
          'CL4FEAcaIORFn7OGpwRmOOfpCI7KtunYsHdLFmG8fW5/7vcSC58AIiBOgiqekqPhNwD5EsPeUeXRi5/z+TySPSKOVWn1w3HlGSp8ChC6Mg9goBBw+VFNrxaKnsS2EmgIBBAAGiDyTx9AXECMFE2BUqcbIqMr/RNVXZMkUozTVSKUIuuoXyJA/PgtrEG6bi+xzQdd3ZNv/JObKOZfRwJf+gKlWmaC2rsaWXJVlAWQhqVSuioujb1rd/Wg9PAoFya83Tf2/hF5rQ==',
        kex: true,
        ciphertext: 'tVYSgjeY+oXD030f+Q7BMA==',
      },
    ],
  },
};
