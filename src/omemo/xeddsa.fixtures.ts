// Made by test/runner/omemo-vectors.py xeddsa; do not edit.
export const XEDDSA_CASES = [
  {
    seed: 'c40826bc7341335d8d0d4e4407918825b2f75a24b9bb1b6cf51d7e27dad7219e',
    edwardsPublic: 'afe764a12112756d256d019cfa5f7a0c29b663dee23127bddaa13b8f939afeda',
    montgomeryPublic: 'bee569c5fb037be4eb97bcded95162ae0129148c91e2c2ea36a1e7aecdcbfa23',
    edwardsFromMontgomery: 'afe764a12112756d256d019cfa5f7a0c29b663dee23127bddaa13b8f939afe5a',
    montgomeryFromEdwards: 'bee569c5fb037be4eb97bcded95162ae0129148c91e2c2ea36a1e7aecdcbfa23',
    message: '05202e525420939d0e0c6473569fa8419e064306c5429063814d0f414c9900481b',
    xeddsaSignature:
      '6b8f315e4bd744b5bee21d7a9c77989fb06f904552370825becd3b7d4826e09f6e1318ba30171c3b4eb20f501fd93c1c1fdad431158fd7556fe7e554a4693e07',
    ed25519Signature:
      '82889c0974afcf16f2cc1c465a8d638dd3c0c1fa375c9d247670a6eb104f9e7d6ea8972a6b40feb6be7036bb8c00e898e078ecff7f3168cf3b6c2330b6066706',
  },
  {
    seed: '33af2a88ca0fd77b2ac7a5052783305c6ab48eb2eaffc09e45b2db926133f217',
    edwardsPublic: '03aff34eb1b88a22c07629cc3a43d1b8538f310b3e4eb787443a2705c5932a97',
    montgomeryPublic: '20fde35066bf8e91231145c8acfd3dd367d57af4ac53bd167c5ab50f5fb7cc65',
    edwardsFromMontgomery: '03aff34eb1b88a22c07629cc3a43d1b8538f310b3e4eb787443a2705c5932a17',
    montgomeryFromEdwards: '20fde35066bf8e91231145c8acfd3dd367d57af4ac53bd167c5ab50f5fb7cc65',
    message: '0543cd6b62dd99f3d9c551f0878a61996b3fc0094c4ad2a35fd0e5b94fe9bfc6bc',
    xeddsaSignature:
      '32c7d8ae1e868b90913cfdcb006d61db524ecb5dc3a44540f1665278f9f32d752a421b4b13c5fa8bc251585d8e5f7a0704f227d8fee017143f0aab889c70400a',
    ed25519Signature:
      '74ac39bb3406cbca5aa4d22c9a9f836f9947e8ec20d36692a57b430370abdb94de113af914fc32c39a9d84f7236226c8eac829d334b4c07e9ff451385732a000',
  },
  {
    seed: '7db59461323d5a15f341e7981406daf0d3da8f5e258a880b32fe43b55d469594',
    edwardsPublic: 'a03a11e461858f8ba876e70347a0e16c40d3b48f169f626f54ab5b1aa57a355c',
    montgomeryPublic: '860ee2aeac3d39cc0b8fec43af70f716109a1927d5ba01a282df6ce640ddaf7f',
    edwardsFromMontgomery: 'a03a11e461858f8ba876e70347a0e16c40d3b48f169f626f54ab5b1aa57a355c',
    montgomeryFromEdwards: '860ee2aeac3d39cc0b8fec43af70f716109a1927d5ba01a282df6ce640ddaf7f',
    message: '059b2618206b086243644b020d9c5635ded106e3bcef930bce62dde5b34e1eb4fb',
    xeddsaSignature:
      '24c579996f2c5d23275bb79ef9e293e92896e443c5a9e4870fe8bfb47b2091bab4328a74fe5c72ab546cf6d5614884d2a03e435740914bfdbf82b052bcfa5505',
    ed25519Signature:
      '52b41fb3624fc3867537e037aef5ad8850f460799dfc083f6390c14f8770a69c1c94cc9af8f227e4221b9b19ade86e3cbcc62407f8b45bd3f3218a78e8259a0e',
  },
  {
    seed: '8f03d4f06c8fd64aaf9ed65c3b4464d3f553fb99b011cf06574194b4e3c190e1',
    edwardsPublic: 'ebcc8666aa691bce65d665f52d741f59cabc06c44bf0aae7c9c09f86f795a633',
    montgomeryPublic: 'd64dae5043790f393c5c00d43832fb36effa9429c07c802f972a4e1dbddce223',
    edwardsFromMontgomery: 'ebcc8666aa691bce65d665f52d741f59cabc06c44bf0aae7c9c09f86f795a633',
    montgomeryFromEdwards: 'd64dae5043790f393c5c00d43832fb36effa9429c07c802f972a4e1dbddce223',
    message: '058d690a4365af1f045e32ae8635f8e9f4d0da233d6a7606f82e63c58d4e9c45dc',
    xeddsaSignature:
      'e4ed52d52f11407ba9e0c0d9818ccec0f4bed03263f4106c552bfabd2f936835d015e4b84503dfc72d334707db4d4a89854ba40a04e6842de162f40ef20d360d',
    ed25519Signature:
      'ca316a4c4353d9ca5d6b9981ac7571ae0e8a5b2a3307a4f1239abd91abb51b3378a264ce78779ea1d05bad4e60ef051f980bbe34909791f16fb9c5246cbdd50c',
  },
];

export const OLDMEMO_BUNDLES = [
  {
    identityKey: 'BUQ656205jub2KV7SGixXr91afUmoQNae8khhQaw4V5a',
    signedPreKeyId: 1,
    signedPreKey: 'BR8PdaM1vR95FvorhUksa1Zmj9wz95C5AzXZbeYr20BE',
    signedPreKeySignature: '2uGPyzbyhGyihb7leGgO2eczzH2ocardhSyMDolcwrbqP/IjbXSZLpSgsBOQOvr8LzyYWMO1aBM4mSDJqEgPAw==',
    preKeys: [
      {
        id: 1,
        publicKey: 'BQ3ncxUuQB+ZNXYe2Ztj1S7L15iW52JaVmPwULI7BJ8e',
      },
    ],
  },
  {
    identityKey: 'BTbkuSnU/bPHH0vg75lXiNVBiYHz57rF0wUkKYdbudh3',
    signedPreKeyId: 1,
    signedPreKey: 'BW72xMIOJFDOipIa0rXir+To812ROUv2Pr5WHqLbtsMh',
    signedPreKeySignature: 'uHp2MxYOiveUzGcvOFWC6svPCynNCfeS++1bH40cGpW2DjD1HsE8M8DbP3bd0b8WW5eeEwK0GyYb0Z3Y26TIhQ==',
    preKeys: [
      {
        id: 1,
        publicKey: 'Ba7IguC0YmLdwT/2evNckEsQCzQfniiN93hM+e9JqSwe',
      },
    ],
  },
];
